// Names that the theme leaves out and assistive technology needs, found by axe-core.
// document$ is the theme's page-load stream; it fires again after each instant navigation.
document$.subscribe(() => {
  // The search overlay has role="dialog" but no accessible name.
  const search = document.querySelector(".md-search[role=dialog]");
  if (search) search.setAttribute("aria-label", "Search");
  // Every code block gets a <nav> of buttons; navigation landmarks need distinct names.
  document.querySelectorAll(".md-code__nav").forEach((nav, index) => {
    nav.setAttribute("aria-label", `Code block ${index + 1} actions`);
  });
});
