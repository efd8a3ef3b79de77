import { chromium } from 'playwright-core';

/** The system Chromium (Debian's `chromium`); `CHROMIUM_PATH` points elsewhere. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.CHROMIUM_PATH || '/usr/bin/chromium';
}

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Margins of every page; the same as the document's `@page` rule so the page outlet prints alike. */
const MARGIN = { top: '14mm', right: '14mm', bottom: '16mm', left: '14mm' };

const FOOTER =
  '<div style="font-size:7pt;width:100%;text-align:center;color:#6e7079;font-family:Helvetica,Arial,sans-serif">' +
  'Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>';

/**
 * Prints self-contained HTML to an A4 PDF with headless Chromium: JavaScript off, offline, and every request the
 * page might still make aborted, so nothing is fetched from anywhere.
 */
export async function printPdf(
  html: string,
  opts: { executablePath?: string; timeoutMs?: number; title?: string } = {}
): Promise<Buffer> {
  const browser = await chromium.launch({
    executablePath: opts.executablePath ?? chromiumPath(),
    args: ARGS,
    timeout: opts.timeoutMs ?? 60_000,
  });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    const page = await context.newPage();
    page.setDefaultTimeout(opts.timeoutMs ?? 60_000);
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({
      format: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      margin: MARGIN,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: FOOTER,
      tagged: true,
      outline: false,
    });
  } finally {
    await browser.close();
  }
}
