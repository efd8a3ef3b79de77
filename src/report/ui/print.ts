/**
 * Prints only the report: its markup (with its own stylesheet) is copied into a hidden same-origin iframe, which
 * the browser prints on its own, so Grafana's navigation and the page around never reach the paper.
 */
export function printReport(doc: HTMLElement, title: string): void {
  const frame = document.createElement('iframe');
  frame.setAttribute('aria-hidden', 'true');
  frame.style.cssText = 'position:fixed;right:0;bottom:0;width:0;height:0;border:0;visibility:hidden';
  document.body.appendChild(frame);
  const w = frame.contentWindow;
  const d = frame.contentDocument;
  if (!w || !d) {
    frame.remove();
    return;
  }
  d.open();
  d.close();
  d.title = title;
  d.body.style.margin = '0';
  const copy = doc.cloneNode(true) as HTMLElement;
  copy.classList.remove('paper');
  d.body.appendChild(d.importNode(copy, true));
  const cleanup = () => setTimeout(() => frame.remove(), 0);
  w.addEventListener('afterprint', cleanup, { once: true });
  w.focus();
  w.print();
  // Some browsers never fire afterprint for a dismissed dialog; the frame is harmless but is removed anyway.
  setTimeout(cleanup, 60_000);
}
