// Accessibility check of the HTML twins: axe-core in Debian's chromium (through
// puppeteer-core), every WCAG 2.0/2.1 A and AA rule and the best practices, plus reflow:
// at 320 CSS pixels wide the page must not scroll sideways (WCAG 1.4.10).
// Usage: node check.js FILE.html ...   Exit status 1 when any file has a violation.
const fs = require("fs");
const path = require("path");
const puppeteer = require("puppeteer-core");
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

(async () => {
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--headless=new", "--disable-gpu"],
  });
  let failed = 0;
  for (const file of process.argv.slice(2)) {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto("file://" + path.resolve(file), { waitUntil: "load" });
    await page.evaluate(axeSource);
    const result = await page.evaluate(() =>
      axe.run(document, {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
      })
    );
    await page.setViewport({ width: 320, height: 640 });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth
    );
    const nodes = result.violations.reduce((n, v) => n + v.nodes.length, 0);
    console.log(
      `${file}: ${result.violations.length} violations (${nodes} elements), ` +
        `${result.passes.length} rules passed, ${result.incomplete.length} to review; ` +
        `sideways scroll at 320 px: ${overflow} px`
    );
    for (const v of result.violations) {
      console.log(`  ${v.impact} ${v.id}: ${v.help}`);
      for (const n of v.nodes.slice(0, 3)) console.log(`    ${n.target.join(" ")}`);
    }
    if (result.violations.length > 0 || overflow > 0) failed++;
    await page.close();
  }
  await browser.close();
  process.exit(failed > 0 ? 1 : 0);
})().catch((e) => {
  console.error(e);
  process.exit(2);
});
