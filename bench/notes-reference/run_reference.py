#!/usr/bin/python3
"""Runs X's published Community Notes core scorer (MFCoreScorer) on notes/ratings TSVs in the
public download format and writes noteId, coreNoteIntercept, coreNoteFactor1, coreRatingStatus.

Used only by the issue-12 faithfulness bench; nothing here ships. It contains none of the
reference's code: it extracts `scoring/src` from a fetched twitter/communitynotes git directory
into a temporary folder at run time, and makes it importable on Debian 12's python3-torch 1.13,
pandas 1.5 and numpy 1.24 with three run-time shims that change no numbers:
  1. a do-nothing `wandb` module (Debian has none; the scorer only logs to it);
  2. no pyarrow: the scorer already falls back to `object` ids when pyarrow is missing;
  3. pandas 1.5's value_counts() names its result after the column, pandas 2 names it "count";
     the scorer expects the pandas 2 name, so value_counts results are renamed that way.

usage: /usr/bin/python3 run_reference.py GIT_DIR notes.tsv ratings.tsv out.tsv [--seed N] [--status-history FILE]
"""
import argparse
import os
import subprocess
import sys
import tarfile
import tempfile
import time
import types


def stub_wandb():
  w = types.ModuleType("wandb")

  class _Run:
    def __init__(self):
      self.summary = {}

    def log(self, *a, **k):
      pass

    def finish(self, *a, **k):
      pass

  w.Settings = lambda **k: dict(k)
  w.wandb_run = types.SimpleNamespace(Run=_Run)
  w.init = lambda *a, **k: _Run()
  w.login = lambda *a, **k: None
  w.finish = lambda *a, **k: None
  w.log = lambda *a, **k: None
  w.Histogram = lambda *a, **k: None
  sys.modules["wandb"] = w


def pandas2_value_counts():
  import pandas as pd

  series_vc = pd.Series.value_counts
  frame_vc = pd.DataFrame.value_counts

  def s_vc(self, *a, **k):
    out = series_vc(self, *a, **k)
    if not k.get("normalize") and not (len(a) > 0 and a[0]):
      out.index.name = self.name
      out.name = "count"
    return out

  def f_vc(self, *a, **k):
    out = frame_vc(self, *a, **k)
    out.name = "count"
    return out

  pd.Series.value_counts = s_vc
  pd.DataFrame.value_counts = f_vc


def extract(git_dir, into):
  tar_path = os.path.join(into, "src.tar")
  with open(tar_path, "wb") as fh:
    subprocess.run(
      ["git", f"--git-dir={git_dir}", "archive", "HEAD", "scoring/src"], stdout=fh, check=True
    )
  with tarfile.open(tar_path) as t:
    t.extractall(into)
  return os.path.join(into, "scoring", "src")


def main():
  ap = argparse.ArgumentParser()
  ap.add_argument("git_dir")
  ap.add_argument("notes")
  ap.add_argument("ratings")
  ap.add_argument("out")
  ap.add_argument("--seed", type=int, default=None)
  ap.add_argument("--threads", type=int, default=1)
  ap.add_argument("--status-history", default=None, help="noteStatusHistory TSV: currentStatus, timestampMillisOfLatestNonNMRStatus")
  args = ap.parse_args()

  stub_wandb()
  pandas2_value_counts()
  tmp = tempfile.mkdtemp(prefix="cn-ref-")
  sys.path.insert(0, extract(args.git_dir, tmp))

  import numpy as np
  import pandas as pd
  import torch

  # Shim 2: without pyarrow, pandas 1.5 raises ImportError where the scorer expects TypeError
  # before falling back to object ids; raise TypeError while constants.py loads.
  realStringDtype = pd.StringDtype

  def noPyarrowStringDtype(storage=None):
    if storage == "pyarrow":
      raise TypeError("pyarrow is not installed")
    return realStringDtype(storage)

  pd.StringDtype = noPyarrowStringDtype
  from scoring import constants as c

  pd.StringDtype = realStringDtype
  from scoring.mf_core_scorer import MFCoreScorer

  t0 = time.time()
  notes = pd.read_csv(args.notes, sep="\t", dtype={"noteAuthorParticipantId": object})
  ratings = pd.read_csv(args.ratings, sep="\t", dtype={"raterParticipantId": object})
  ratings[c.helpfulNumKey] = ratings[c.helpfulnessLevelKey].map(
    {"HELPFUL": 1.0, "SOMEWHAT_HELPFUL": 0.5, "NOT_HELPFUL": 0.0}
  )
  for tag in c.helpfulTagsTSVOrder + c.notHelpfulTagsTSVOrder:
    if tag not in ratings.columns:
      ratings[tag] = 0
  ratings[c.ratingSourceBucketedKey] = "DEFAULT"
  ratings[c.highVolumeRaterKey] = False
  ratings[c.correlatedRaterKey] = False
  nsh = notes[[c.noteIdKey, c.createdAtMillisKey, c.noteAuthorParticipantIdKey, c.classificationKey]].copy()
  nsh[c.currentLabelKey] = c.needsMoreRatings
  nsh[c.lockedStatusKey] = np.nan
  nsh[c.timestampMillisOfNoteMostRecentNonNMRLabelKey] = np.nan
  if args.status_history:
    hist = pd.read_csv(args.status_history, sep="\t")
    hist = hist[[c.noteIdKey, c.currentLabelKey, c.timestampMillisOfNoteMostRecentNonNMRLabelKey]]
    nsh = nsh.drop(columns=[c.currentLabelKey, c.timestampMillisOfNoteMostRecentNonNMRLabelKey]).merge(
      hist, on=c.noteIdKey, how="left"
    )
    nsh[c.currentLabelKey] = nsh[c.currentLabelKey].fillna(c.needsMoreRatings)
  enrollment = pd.DataFrame(
    {c.participantIdKey: ratings[c.raterParticipantIdKey].unique(), c.modelingGroupKey: 0}
  )
  t_load = time.time() - t0

  torch.set_num_threads(args.threads)
  scorer = MFCoreScorer(seed=args.seed, useStableInitialization=False, threads=args.threads)
  t1 = time.time()
  noteOut, raterOut, meta = scorer._prescore_notes_and_users(ratings, nsh, enrollment)
  t_pre = time.time() - t1
  t2 = time.time()
  scored, helpfulness = scorer._score_notes_and_users(
    ratings=ratings,
    noteStatusHistory=nsh,
    prescoringNoteModelOutput=noteOut,
    prescoringRaterModelOutput=raterOut,
    prescoringMetaScorerOutput=meta,
    flipFactorsForIdentification=False,
  )
  t_final = time.time() - t2

  out = scored[[c.noteIdKey, c.internalNoteInterceptKey, c.internalNoteFactor1Key, c.internalRatingStatusKey, c.internalActiveRulesKey]]
  out.columns = ["noteId", "coreNoteIntercept", "coreNoteFactor1", "coreRatingStatus", "coreActiveRules"]
  out.to_csv(args.out, sep="\t", index=False)
  print(
    f"reference: load {t_load:.1f}s prescoring {t_pre:.1f}s final {t_final:.1f}s total {t_pre + t_final:.1f}s",
    file=sys.stderr,
  )


if __name__ == "__main__":
  main()
