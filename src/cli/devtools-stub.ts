// Stand-in for react-devtools-core, which Ink imports only in development (see esbuild.config.mjs).
export default { initialize() {}, connectToDevTools() {} };
