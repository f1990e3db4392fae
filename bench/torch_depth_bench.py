#!/usr/bin/env python3
"""PyTorch reference for rvqlm's depth model, beside `rvq bench lm --config depth`.

The depth family (RQ-Transformer / UniAudio / Moshi) on the yardstick's config A, built from
torch_lm_bench.py's own parts (Block, sin_embedding, sampling, timing, CPU-load and BLAS records), which
must sit in the same directory:
  h_s   = temporal transformer over steps (config A without its K heads: K summed embeddings + sin_pos,
          L pre-norm causal blocks, final LayerNorm)                                   [B,S,d]
  x_k   = W_in h_s + pos_k + Emb'_{k-1}(code k-1 of step s+1)   (no code term at k = 0) [B,S,K,d']
  depth = L' pre-norm causal blocks over k = 0..K-1, LayerNorm, head k (d'->N) predicts code k
Depth transformer: d'=128, L'=2, H'=4, FFN 4d' (rvqlm's LmFamily.Depth.defaultFor(standard)).

Benchmarks (float32; one JSON line each, the yardstick's fields):
  train_depth_A        forward (teacher forcing through both transformers) + backward + clip + AdamW,
                       B=8, S=512 steps of K=4 codes; FLOPs/step as rvqlm's LmConfig counts them.
  gen_depth_cache_b1/8 512 frames from an empty prompt, temperature 1, top-k 250: per frame one cached
                       temporal step, then K cached depth steps; sequential_steps_per_s = frames*(1+K)/s.

Usage: /usr/bin/python3 torch_depth_bench.py --bench train_depth_A --bench gen_depth_cache_b1
"""
import argparse
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from torch_lm_bench import (CONFIGS, Block, emit, make_batch, sample_top_k, sin_embedding,  # noqa: E402
                            stats, timed_runs)

DEPTH = dict(dd=128, Ld=2, Hd=4)
BENCHES = ["train_depth_A", "gen_depth_cache_b1", "gen_depth_cache_b8"]


class DepthLM(nn.Module):
    def __init__(self, K, N, d, L, H, dd, Ld, Hd, **_):
        super().__init__()
        self.K, self.N, self.d, self.L, self.H = K, N, d, L, H
        self.dd, self.Ld, self.Hd = dd, Ld, Hd
        self.emb = nn.ModuleList(nn.Embedding(N + 1, d) for _ in range(K))
        self.layers = nn.ModuleList(Block(d, H) for _ in range(L))
        self.norm = nn.LayerNorm(d)
        self.inp = nn.Linear(d, dd, bias=False)
        self.pos = nn.Parameter(torch.randn(K, dd) * 0.02)
        self.demb = nn.ModuleList(nn.Embedding(N + 1, dd) for _ in range(K - 1))
        self.dlayers = nn.ModuleList(Block(dd, Hd) for _ in range(Ld))
        self.dnorm = nn.LayerNorm(dd)
        self.heads = nn.ModuleList(nn.Linear(dd, N, bias=False) for _ in range(K))

    def temporal(self, codes, caches=None, pos=0):
        """codes [B,K,S] -> h [B,S,d]."""
        S = codes.shape[-1]
        x = sum(self.emb[k](codes[:, k]) for k in range(self.K))
        x = x + sin_embedding(torch.arange(pos, pos + S), self.d)
        for i, layer in enumerate(self.layers):
            x = layer(x, None if caches is None else caches[i], pos)
        return self.norm(x)

    def forward(self, codes, targets):
        """Teacher forcing: codes [B,K,S] in, targets [B,K,S] -> logits [B,K,S,N]."""
        B, K, S = codes.shape
        h = self.temporal(codes)
        x = self.inp(h).unsqueeze(2) + self.pos  # [B,S,K,dd]
        prev = torch.stack([self.demb[k](targets[:, k]) for k in range(K - 1)], dim=2)  # [B,S,K-1,dd]
        x = x + torch.cat([torch.zeros(B, S, 1, self.dd), prev], dim=2)
        y = x.reshape(B * S, K, self.dd)
        for layer in self.dlayers:
            y = layer(y)
        y = self.dnorm(y).view(B, S, K, self.dd)
        return torch.stack([self.heads[k](y[:, :, k]) for k in range(K)], dim=1)

    def param_counts(self):
        total = sum(p.numel() for p in self.parameters())
        emb = sum(p.numel() for m in (self.emb, self.demb) for p in m.parameters()) + self.pos.numel()
        return dict(total=total, embedding=emb, non_embedding=total - emb)


def depth_loss(model, seq):
    """seq [B,K,S+1]; special targets are ignored (and fed to the depth transformer as themselves)."""
    logits = model(seq[..., :-1], seq[..., 1:])
    return F.cross_entropy(logits.reshape(-1, model.N), seq[..., 1:].reshape(-1), ignore_index=model.N)


def train_flops(cfg):
    """rvqlm's LmConfig.flopsPerStep for a depth model, times B*S (see LmFamily.Depth)."""
    K, N, d, L, S, B = cfg["K"], cfg["N"], cfg["d"], cfg["L"], cfg["S"], cfg["B"]
    dd, Ld = cfg["dd"], cfg["Ld"]
    temporal = L * (4 * d + 12 * d * d) + 2 * d
    per_position = 6 * (Ld * (4 * dd + 12 * dd * dd) + 2 * dd + N * dd) + 6 * Ld * K * dd
    per_step = 6 * temporal + 6 * L * S * d + 6 * d * dd + K * per_position
    return B * S * per_step


@torch.inference_mode()
def generate(model, B, steps, top_k=250, temperature=1.0, gen=None):
    K, N = model.K, model.N
    codes = torch.full((B, K, steps + 1), N, dtype=torch.long)
    shape = (B, model.H, steps, model.d // model.H)
    caches = [(torch.zeros(shape), torch.zeros(shape)) for _ in range(model.L)]
    dshape = (B, model.Hd, K, model.dd // model.Hd)
    dcaches = [(torch.zeros(dshape), torch.zeros(dshape)) for _ in range(model.Ld)]
    for t in range(steps):
        ctx = model.inp(model.temporal(codes[:, :, t:t + 1], caches, pos=t))  # [B,1,dd]
        prev = None
        for k in range(K):
            x = ctx + model.pos[k]
            if k > 0:
                x = x + model.demb[k - 1](prev).unsqueeze(1)
            for i, layer in enumerate(model.dlayers):
                x = layer(x, dcaches[i], k)
            logits = model.heads[k](model.dnorm(x))[:, -1]  # [B,N]
            prev = sample_top_k(logits, top_k, temperature, gen)
            codes[:, k, t + 1] = prev
    return codes[:, :, 1:]


def config():
    return dict(CONFIGS["A"], **DEPTH)


def bench_train(args):
    cfg = config()
    torch.manual_seed(0)
    gen = torch.Generator().manual_seed(0)
    model = DepthLM(**cfg)
    opt = torch.optim.AdamW(model.parameters(), lr=3e-4, weight_decay=0.01)
    seq = make_batch(cfg, gen)
    losses = []

    def step():
        opt.zero_grad(set_to_none=True)
        loss = depth_loss(model, seq)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        losses.append(loss.item())

    ts, t_warm, load = timed_runs(step, args.budget, min_runs=args.min_train_runs, max_runs=50, warmup=2)
    flops = train_flops(cfg)
    tokens = cfg["B"] * cfg["S"] * cfg["K"]
    st = stats(ts)
    emit(dict(bench="train_depth_A", config=cfg, params=model.param_counts(), **st, warmup_s=t_warm,
              steps_per_s=1 / st["median_s"], tokens_per_s=tokens / st["median_s"],
              tokens_per_s_best=tokens / st["min_s"], flops_per_step=flops,
              gflops_achieved=flops / st["median_s"] / 1e9, loss_first=losses[0], loss_last=losses[-1],
              cpu=load))


def bench_gen(args, name):
    b = int(name.split("_b")[1])
    cfg = config()
    torch.manual_seed(0)
    model = DepthLM(**cfg).eval()
    steps = 512
    gen = torch.Generator().manual_seed(0)
    _, t_warm, _ = timed_runs(lambda: generate(model, b, 16, gen=gen), 0, 0, 0, warmup=1)
    first = []
    ts, _, load = timed_runs(lambda: first.append(generate(model, b, steps, gen=gen)), args.budget,
                             min_runs=args.min_gen_runs, max_runs=20, warmup=0)
    st = stats(ts)
    codes = first[0]
    emit(dict(bench=name, config=cfg, batch=b, steps=steps, top_k=250, temperature=1.0, kv_cache=True, **st,
              warmup_s=t_warm, steps_per_s=steps / st["median_s"], steps_per_s_best=steps / st["min_s"],
              sequential_steps_per_s=steps * (1 + cfg["K"]) / st["median_s"],
              codes_per_s=steps * b * cfg["K"] / st["median_s"],
              sanity=dict(shape=list(codes.shape), min=int(codes.min()), max=int(codes.max())), cpu=load))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", action="append", choices=BENCHES, help="repeatable; default: all")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--budget", type=float, default=60.0, help="target timed seconds per benchmark")
    ap.add_argument("--min-train-runs", type=int, default=3)
    ap.add_argument("--min-gen-runs", type=int, default=3)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    for name in args.bench or BENCHES:
        if name == "train_depth_A":
            bench_train(args)
        else:
            bench_gen(args, name)


if __name__ == "__main__":
    main()
