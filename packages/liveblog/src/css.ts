/** The reader pages' stylesheet: small, system fonts, logical properties so RTL mirrors. */
export const LIVE_CSS = `
:root{color-scheme:light dark;--fg:#16181c;--muted:#5b6470;--line:#d8dde3;--accent:#b3261e;--bg:#fff;--key:#fff4e5}
@media (prefers-color-scheme:dark){:root{--fg:#e8eaed;--muted:#9aa3ad;--line:#30363d;--bg:#0f1115;--key:#2b2113}}
*{box-sizing:border-box}
body{margin:0 auto;max-width:46rem;padding:1rem;font:1rem/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Arabic",Tahoma,sans-serif;color:var(--fg);background:var(--bg);overflow-wrap:anywhere}
pre{overflow-x:auto}
a{color:inherit}
header.blog h1{margin:.2rem 0;font-size:1.6rem}
header.blog h1 a{text-decoration:none}
.status{display:inline-block;margin:0;padding:.05rem .5rem;border-radius:1rem;font-size:.8rem;font-weight:700;text-transform:uppercase;border:1px solid var(--line)}
.status-live{color:#fff;background:var(--accent);border-color:var(--accent)}
.summary,.hint,.via{color:var(--muted)}
.days p{margin:.3rem 0}
.key-events{border:1px solid var(--line);border-radius:.5rem;padding:.5rem 1rem;margin:1rem 0}
.key-events h2{font-size:1rem;margin:.2rem 0}
.key-events ul{margin:0;padding-inline-start:1.2rem}
article.entry{border-block-start:1px solid var(--line);padding-block:1rem}
article.key-event{background:var(--key);padding-inline:.75rem;border-radius:.25rem}
article.entry header{display:flex;flex-wrap:wrap;gap:.4rem;align-items:baseline}
article.entry h2{font-size:1.15rem;margin:0;display:inline}
.stamp{font-weight:700;text-decoration:none;white-space:nowrap}
.local{color:var(--muted);font-weight:400;font-size:.85em;margin-inline-start:.3rem}
img{max-width:100%;height:auto}
figure{margin:.5rem 0}
figcaption{color:var(--muted);font-size:.9rem}
blockquote{margin:.5rem 0;padding-inline-start:.8rem;border-inline-start:3px solid var(--line)}
.embed footer{color:var(--muted);font-size:.85rem}
.embed .author{color:var(--fg);font-weight:600}
.npub{font-family:ui-monospace,monospace;font-size:.8em}
.embed.unverified{border:2px dashed var(--accent);padding:.5rem;color:var(--accent)}
.correction{border-inline-start:4px solid var(--accent);padding-inline-start:.6rem}
.community-note{border:1px solid var(--accent);border-radius:.5rem;padding:.4rem .7rem;margin-block:.5rem}
.claim-state{display:inline-block;border:1px solid var(--muted);border-radius:1rem;padding:.1rem .6rem;font-size:.9rem}
.claim-state.state-confirmed{border-color:#1a7f37;color:#1a7f37}
.claim-state.state-false,.claim-state.state-misleading{border-color:var(--accent);color:var(--accent)}
.update strong,.correction strong{text-transform:uppercase;font-size:.85rem}
.pager{display:flex;justify-content:space-between;margin:1rem 0}
.comments{margin-block-start:2rem;border-block-start:2px solid var(--line)}
.comments ul{list-style:none;padding:0}
.comment-form label{display:block}
.comment-form textarea{display:block;width:100%;box-sizing:border-box;font:inherit;margin-block:.3rem}
#new-bar{position:fixed;inset-block-end:1rem;inset-inline:0;margin:auto;width:max-content;max-width:90vw;padding:.4rem 1rem;border-radius:1rem;border:0;background:var(--accent);color:#fff;font:inherit;font-weight:700;cursor:pointer;z-index:10}
#new-bar[hidden]{display:none}
`;
