import type { Corpus } from '../core/corpus/types';
// Resolved by esbuild.mjs: the validated contents of terms/, compiled into the bundle.
import corpus from 'medlint:builtin-corpus';

export const builtinCorpus: Corpus = corpus;
