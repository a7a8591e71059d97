import { launch, part } from "../tests/browser/browser.mjs";
const browser = await launch();
try {
  for (let run = 0; run < 2; run += 1) {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 360, height: 780 });
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8), uploadThroughput: (750e3 / 8) });
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    await page.goto(`${browser.origin}/`, { waitUntil: "commit" });
    await part(page, "amount-input").fill("100");
    await part(page, "points-granted").waitFor({ timeout: 60_000 });
    const t = await page.evaluate(() => [performance.now(), performance.getEntriesByType("navigation").map((e) => [e.name, e.responseEnd.toFixed(0)]), performance.getEntriesByType("resource").map((e) => [e.name.replace(location.origin, ""), e.startTime.toFixed(0), e.responseEnd.toFixed(0), e.transferSize])]);
    console.log(JSON.stringify(t));
    await page.close();
  }
} finally { await browser.close(); }
