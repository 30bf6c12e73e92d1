// Output channels that outlive nothing: writes after dispose are dropped, and closing down
// stops the client before its channels go. No `vscode` import: unit-tested.
//
// When the window closes, VS Code calls `deactivate` and disposes the extension's subscriptions
// without waiting for it. The language client is still stopping then, and logs the late replies
// and the closed connection to its output channel; a disposed VS Code channel throws
// `Channel has been closed` at each write, which lands in the extension host log.

/** What the extension and the language client use of a `vscode.OutputChannel`. */
export interface Channel {
  readonly name: string;
  append(value: string): void;
  appendLine(value: string): void;
  replace(value: string): void;
  clear(): void;
  show(...args: unknown[]): void;
  hide(): void;
  dispose(): void;
}

/** A channel that does nothing once disposed (and never lets a write to a closed one throw). */
export class GuardedChannel implements Channel {
  private closed = false;

  constructor(private readonly inner: Channel) {}

  get name(): string {
    return this.inner.name;
  }

  /** Whether the channel was disposed. */
  get disposed(): boolean {
    return this.closed;
  }

  append(value: string): void {
    this.write(() => this.inner.append(value));
  }

  appendLine(value: string): void {
    this.write(() => this.inner.appendLine(value));
  }

  replace(value: string): void {
    this.write(() => this.inner.replace(value));
  }

  clear(): void {
    this.write(() => this.inner.clear());
  }

  show(...args: unknown[]): void {
    this.write(() => this.inner.show(...args));
  }

  hide(): void {
    this.write(() => this.inner.hide());
  }

  dispose(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.inner.dispose();
    } catch {
      // Disposed already by VS Code.
    }
  }

  private write(f: () => void): void {
    if (this.closed) return;
    try {
      f();
    } catch {
      // The channel was closed under us (the window is closing): nothing to log to.
    }
  }
}

/**
 * Close down in order: stop the client (its last log lines still reach the channels), then
 * dispose the channels. A failing stop does not keep the channels open.
 */
export async function closeDown(
  stopClient: () => Promise<void>,
  channels: { dispose(): void }[],
): Promise<void> {
  try {
    await stopClient();
  } catch {
    // The process is gone already.
  } finally {
    for (const c of channels) c.dispose();
  }
}
