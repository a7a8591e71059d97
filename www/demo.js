// The demo page's only behaviour: ?lang=en switches the page and the calculator to English.
const params = new URLSearchParams(location.search);
if (params.get("lang") === "en") {
  document.documentElement.lang = "en";
  document.title = "Points calculator · points-pool demo shop";
  for (const node of document.querySelectorAll("[data-en]")) node.textContent = node.dataset.en;
  const link = document.getElementById("language-link");
  link.textContent = "中文";
  link.href = "?lang=zh-CN";
  link.hreflang = "zh-CN";
  document.getElementById("calculator").setAttribute("lang", "en");
  document.getElementById("operator-link").href = "operator.html?lang=en";
}
