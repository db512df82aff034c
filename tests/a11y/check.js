// Accessibility check of the HTML twins: axe-core in Debian's chromium (through
// puppeteer-core), every WCAG 2.0/2.1 A and AA rule and the best practices, plus reflow:
// at 320 CSS pixels wide (a phone) the page must not scroll sideways (WCAG 1.4.10), no text
// may be drawn smaller than 12 px (a chart's text shrinks with the chart), and no word in a
// table may be broken inside ("U/pp/fyl/lt" in a narrow column).
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
    const phone = await page.evaluate(() => {
      // Text smaller than 12 px as drawn: an SVG's text scaled by the SVG's own scale.
      const small = [];
      for (const el of document.querySelectorAll("body *")) {
        const own = [...el.childNodes].some((c) => c.nodeType === 3 && c.textContent.trim());
        if (!own || el.getClientRects().length === 0) continue;
        let size = parseFloat(getComputedStyle(el).fontSize);
        if (el instanceof SVGElement && el.getScreenCTM()) size *= el.getScreenCTM().a;
        if (size < 11.95) small.push(`${el.tagName.toLowerCase()} ${size.toFixed(1)} px: ${el.textContent.trim().slice(0, 30)}`);
      }
      // A word of a table cell on two lines. Words are split at spaces, hyphens, dashes and
      // slashes, where a line may break.
      const broken = [];
      // (A card table's header row is hidden from view on a phone, kept for screen readers.)
      const visible = (el) => !el.closest("thead") || el.closest("thead").getBoundingClientRect().width > 2;
      for (const cell of [...document.querySelectorAll("td, th")].filter(visible)) {
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const re = /[^\s\-–—\/]+/g;
          let m;
          while ((m = re.exec(node.textContent))) {
            const range = document.createRange();
            range.setStart(node, m.index);
            range.setEnd(node, m.index + m[0].length);
            const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
            if (tops.size > 1) broken.push(m[0]);
          }
        }
      }
      return { small, broken };
    });
    const nodes = result.violations.reduce((n, v) => n + v.nodes.length, 0);
    console.log(
      `${file}: ${result.violations.length} violations (${nodes} elements), ` +
        `${result.passes.length} rules passed, ${result.incomplete.length} to review; ` +
        `at 320 px: sideways scroll ${overflow} px, ${phone.small.length} texts under 12 px, ` +
        `${phone.broken.length} words broken inside`
    );
    for (const s of phone.small.slice(0, 3)) console.log(`  small text: ${s}`);
    for (const w of phone.broken.slice(0, 5)) console.log(`  broken word: ${w}`);
    for (const v of result.violations) {
      console.log(`  ${v.impact} ${v.id}: ${v.help}`);
      for (const n of v.nodes.slice(0, 3)) console.log(`    ${n.target.join(" ")}`);
    }
    if (result.violations.length > 0 || overflow > 0 || phone.small.length > 0 || phone.broken.length > 0) failed++;
    await page.close();
  }
  await browser.close();
  process.exit(failed > 0 ? 1 : 0);
})().catch((e) => {
  console.error(e);
  process.exit(2);
});
