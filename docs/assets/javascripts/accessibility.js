// Names that the theme leaves out and assistive technology needs, found by axe-core.
// document$ is the theme's page-load stream; it fires again after each instant navigation.
document$.subscribe(() => {
  // The search overlay has role="dialog" but no accessible name.
  const search = document.querySelector(".md-search[role=dialog]");
  if (search) search.setAttribute("aria-label", "Search");
  nameCodeNavs();
});

// Every code block gets a <nav> of buttons; navigation landmarks need distinct names. With the
// theme's content.lazy feature a block gets its <nav> when it scrolls into view, so name them then.
function nameCodeNavs() {
  const blocks = Array.from(document.querySelectorAll(".md-content pre"));
  document.querySelectorAll("pre > .md-code__nav:not([aria-label])").forEach((nav) => {
    nav.setAttribute("aria-label", `Code block ${blocks.indexOf(nav.parentElement) + 1} actions`);
  });
}

new MutationObserver((changes) => {
  if (changes.some((change) => Array.from(change.addedNodes).some((node) => node.classList?.contains("md-code__nav")))) {
    nameCodeNavs();
  }
}).observe(document.body, { childList: true, subtree: true });
