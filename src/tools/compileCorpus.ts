/** Build step: validates `terms/` (schema and integrity) and returns the corpus the bundles embed. */
export { checkTermsDirectory } from '../node/terms';
export { formatProblem } from '../core/corpus/types';
export { GRAMMAR_PATH, grammarText } from './grammar';
