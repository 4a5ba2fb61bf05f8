// The parts of the published Community Notes scorer this port leaves out, stated in every result
// so nobody mistakes the core model for the whole production system (see docs/notes-scorer.md).

/** One line per omitted part of the published algorithm. */
export const OMITTED: readonly string[] = [
  'stable initialisation from modelling group 13 (the first fit starts cold)',
  'pseudo-raters and the UCB_CRNH rule (optional in the reference core scorer, off by default)',
  'tag-outlier filter (TAG_OUTLIER) and the "incorrect" tag filter (INCORRECT_OUTLIER)',
  'low-diligence model (LOW_DILIGENCE) and the harassment/abuse tag-consensus penalty on raters',
  'no-high-volume, no-correlated-rater and population-sampled intercept checks',
  'expansion, group, topic, multi-group and gaussian models, and the meta-scorer that combines them',
  'stabilisation: status locking after two weeks, minimum stable CRH time, the flip-prediction delay',
  'post-selection similarity (merging raters who behave as one)',
];
