declare module 'medlint:builtin-corpus' {
  import type { Corpus } from './core/corpus/types';
  const corpus: Corpus;
  export default corpus;
}
