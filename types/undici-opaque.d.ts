// What browser-reachable code sees of undici when type-checked for the browser (tsconfig.browser.base.json):
// an opaque Dispatcher. Only the Node transport knows undici; its real types reference Node's, which
// would otherwise make every Node global look available to browser code.
export interface Dispatcher {
  readonly __undiciDispatcher: unique symbol;
}
