// The page object: the page as a person uses it, by the names the controls carry.
import { expect, type Locator, type Page } from '@playwright/test';

export type ViewName = 'Services' | 'Policies' | 'Matrix';

export class Reachmap {
  constructor(readonly page: Page) {}

  /** Opens the page (optionally a path relative to the server root) and waits for the app. */
  async open(path = ''): Promise<void> {
    await this.page.goto(path);
    await expect(this.editor).toBeVisible();
  }

  /** Opens the page as a first visit: nothing kept from an earlier one. */
  async openFresh(path = ''): Promise<void> {
    await this.page.goto(path);
    await this.page.evaluate(() => localStorage.clear());
    await this.open(path);
  }

  get editor(): Locator {
    return this.page.getByTestId('editor');
  }

  get diagram(): Locator {
    return this.page.getByTestId('diagram');
  }

  get explanation(): Locator {
    return this.page.getByTestId('explanation');
  }

  get diagnostics(): Locator {
    return this.page.getByTestId('diagnostics');
  }

  /** The view's tab. */
  tab(name: ViewName): Locator {
    return this.page.getByRole('tab', { name, exact: true });
  }

  async show(name: ViewName): Promise<void> {
    await this.tab(name).click();
    await expect(this.tab(name)).toHaveAttribute('aria-selected', 'true');
  }

  async pickExample(label: string): Promise<void> {
    await this.page.getByLabel('Example', { exact: true }).selectOption({ label });
  }

  /** Replaces the editor's text, as pasting does. */
  async setText(text: string): Promise<void> {
    await this.editor.fill(text);
  }

  /** Replaces the editor's text at once, as one input event (a large paste: `fill` types a
   * long text too slowly). */
  async paste(text: string): Promise<void> {
    await this.editor.evaluate((el, t) => {
      const area = el as HTMLTextAreaElement;
      area.value = t;
      area.dispatchEvent(new Event('input', { bubbles: true }));
    }, text);
  }

  async text(): Promise<string> {
    return this.editor.inputValue();
  }

  /** The scene group with this id (`data-id`). */
  shape(id: string): Locator {
    return this.diagram.locator(`[data-id="${id}"]`);
  }

  /** Clicks an edge on its line (the middle of its bounding box may be another shape). */
  async clickEdge(id: string): Promise<void> {
    const point = await this.shape(id).evaluate((g) => {
      const path = g.querySelector('path') as SVGPathElement;
      const p = path.getPointAtLength(path.getTotalLength() / 2);
      const m = path.getScreenCTM()!;
      return { x: p.x * m.a + p.y * m.c + m.e, y: p.x * m.b + p.y * m.d + m.f };
    });
    await this.page.mouse.click(point.x, point.y);
  }

  /** The flow picker's controls. */
  get flowPicker(): Locator {
    return this.page.getByRole('group', { name: 'Explain a flow' });
  }

  async chooseFlow(from: string, to: string, port?: string): Promise<void> {
    await this.flowPicker.getByLabel('From', { exact: true }).selectOption(from);
    await this.flowPicker.getByLabel('To', { exact: true }).selectOption(to);
    // The port is typed (the list under it offers the ports worth asking about).
    if (port) await this.flowPicker.getByLabel('Port', { exact: true }).fill(port);
  }

  /** The Policies/Matrix port choice ("any" or `TCP/80`). */
  async choosePorts(value: string): Promise<void> {
    await this.page.getByRole('toolbar').getByLabel('Port', { exact: true }).selectOption(value);
  }

  /** Clicks Export SVG and returns the downloaded file's name and text. */
  async exportSvg(): Promise<{ name: string; text: string }> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByRole('button', { name: 'Export SVG' }).click(),
    ]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    return { name: download.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
  }

  /** Whether `svg` parses as XML in the browser, and the error if not. */
  async xmlError(svg: string): Promise<string | null> {
    return this.page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      const err = doc.querySelector('parsererror');
      return err ? err.textContent : null;
    }, svg);
  }

  /** The kubectl console. */
  get console(): Locator {
    return this.page.getByRole('region', { name: 'kubectl', exact: true });
  }

  get consoleInput(): Locator {
    return this.page.getByTestId('console-input');
  }

  /** The console's prompt as shown (`$`, `/ #`, `>`). */
  async prompt(): Promise<string> {
    return ((await this.console.locator('.console-input label').textContent()) ?? '').trim();
  }

  /**
   * Types one command line into the console as a person does (a `\`-continued command line by
   * line), presses Enter, and returns what the command printed.
   */
  async kubectl(command: string): Promise<string> {
    const entries = this.console.getByTestId('console-entry');
    // The console's module loads on first use: its input is read-only until it is ready.
    await expect(this.consoleInput).toBeEditable();
    const before = await entries.count();
    for (const line of command.split('\n')) {
      await this.consoleInput.pressSequentially(line, { delay: 0 });
      await this.consoleInput.press('Enter');
    }
    await expect(entries).toHaveCount(before + 1);
    const out = entries.last().getByTestId('console-output');
    // Without its final newline, as a terminal shows it.
    return (await out.count()) ? ((await out.textContent()) ?? '').replace(/\n$/, '') : '';
  }
}
