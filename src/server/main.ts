/** The language server bundle's entry: `medlint lsp --stdio` loads it and calls startServer(). */
export { startServer } from './server';
