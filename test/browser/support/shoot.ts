// Opens a page of the hub by hand and saves a screenshot (npx tsx test/browser/support/shoot.ts URL out.png [lang]), for looking at the client.
import { launchChromium, openGuardedPage, waitForMapIdle } from './browser.js';

const [url, out, language] = process.argv.slice(2);
const browser = await launchChromium();
const { page, outsideRequests, pageErrors } = await openGuardedPage(browser);
if (language) await page.addInitScript((lang) => localStorage.setItem('atlas.language', lang), language);
await page.goto(url);
await waitForMapIdle(page).catch((error) => console.log('not idle:', error.message));
await page.waitForTimeout(1500);
await page.screenshot({ path: out });
console.log({ outsideRequests, pageErrors: pageErrors.slice(0, 10) });
await browser.close();
