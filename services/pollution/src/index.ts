// @xietong/pollution: the cross-boundary pollution cases service. For now its domain core; see README.md.
export * from './domain/index.ts';
