// PostGraphile v5 and grafast need Node ≥ 22 (package.json "engines"); on Node 20 `Promise.withResolvers` is missing, and
// grafast's connection step then fails as "Cannot read properties of undefined (reading 'items')". This adds the one method.
type Resolvers<T> = { promise: Promise<T>; resolve: (value: T | PromiseLike<T>) => void; reject: (reason?: unknown) => void };

const promise = Promise as PromiseConstructor & { withResolvers?: <T>() => Resolvers<T> };
if (typeof promise.withResolvers !== 'function') {
  promise.withResolvers = function withResolvers<T>(): Resolvers<T> {
    let resolve!: Resolvers<T>['resolve'];
    let reject!: Resolvers<T>['reject'];
    const created = new Promise<T>((a, b) => {
      resolve = a;
      reject = b;
    });
    return { promise: created, resolve, reject };
  };
}
