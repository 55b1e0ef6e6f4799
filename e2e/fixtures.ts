// The tests' `test`: every page of every test fails the test if a request leaves 127.0.0.1
// (the page must make none beyond its own files) or if the page throws (a panic included).
import { test as base, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { Reachmap } from './pages/reachmap';

/** Requests to anything but the test server, and uncaught page errors, seen in a context. */
export class Watch {
  readonly outside: string[] = [];
  readonly errors: string[] = [];

  context(ctx: BrowserContext): void {
    ctx.on('request', (r) => {
      const url = new URL(r.url());
      const local = url.protocol === 'data:' || url.protocol === 'blob:' || url.hostname === '127.0.0.1';
      if (!local) this.outside.push(r.url());
    });
    ctx.on('page', (p) => this.page(p));
    for (const p of ctx.pages()) this.page(p);
  }

  page(page: Page): void {
    page.on('pageerror', (e) => this.errors.push(String(e)));
  }

  check(): void {
    expect(this.outside, 'requests that left 127.0.0.1').toEqual([]);
    expect(this.errors, 'errors thrown in the page').toEqual([]);
  }
}

export const test = base.extend<{ watch: Watch; app: Reachmap }>({
  watch: async ({ context }, use) => {
    const watch = new Watch();
    watch.context(context);
    await use(watch);
    watch.check();
  },
  app: async ({ page, watch }, use) => {
    void watch; // set up before the page is used
    await use(new Reachmap(page));
  },
});

export { expect };

/** Opens `link` in a fresh browser context (nothing kept from this one), watched as every
 * test's page is; the caller checks the watch and closes the context. */
export async function openElsewhere(
  browser: Browser,
  baseURL: string | undefined,
  link: string,
): Promise<{ other: Reachmap; watch: Watch; context: BrowserContext }> {
  const context = await browser.newContext({ baseURL });
  const watch = new Watch();
  watch.context(context);
  const other = new Reachmap(await context.newPage());
  await other.page.goto(link);
  await expect(other.editor).toBeVisible();
  return { other, watch, context };
}
