// Imported first by main.ts: the hub runs in production mode unless NODE_ENV says otherwise (npm test runs under
// vitest's NODE_ENV=test, and `npm run dev` may set development). graphql-js reads NODE_ENV once, when it is loaded,
// to decide on its development checks (a realm check on every type test: about 4 % of a request's CPU), and Express
// and Apollo read it too, so it has to be set before any of them is imported — hence a module of its own, imported
// before the others (ES modules are evaluated in the order they are imported).
process.env.NODE_ENV ??= 'production';
