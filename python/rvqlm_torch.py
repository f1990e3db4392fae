"""rvqlm's language models in PyTorch: load what `rvq export` wrote, compute the same logits, save weights back.

    import rvqlm_torch
    model = rvqlm_torch.load("export/delay")          # config.json + model.safetensors from `rvq export`
    logits = model.logits(sequence)                   # sequence [B, K, S] int64 in [0, N] -> [B, S-1, K, N]
    rvqlm_torch.save(model, "export/tuned")           # `rvq sample --run export/tuned` samples from it in Java

The model is rvqlm's (lm/src/main/java/dev/rvqlm/lm/LmModel.java), the MusicGen LM of AudioCraft's `LMModel`:
  x_s = sum_k Emb(seq[b,k,s] + k*(N+1)) + sin_pos(s)    one table of K*(N+1) rows; row k*(N+1)+N is k's special token
  L x  [x += Attn(LN1(x)) ; x += W2 GELU(W1 LN2(x))]     pre-norm, causal, fused QKV, bias-free linears, exact GELU
  h_s = LN(x_s)
  interleaved: logits[b,s,k] = heads_k(h_s)                                     K heads D->N, one [K*N, D] matrix
  depth:       a causal transformer over the K cells of step s+1: input k is
               W_in h_s + pos_k + Emb'(cell_{k-1} + (k-1)*(N+1)), head k (D'->N) on its output k
A sequence is a pattern's steps (rvq patterns show NAME); step 0 is all special tokens. Needs torch and numpy;
safetensors is used when installed, else the format is read and written here (it is 8 bytes of header length,
a JSON header and the raw little-endian data).
"""
import json
import os
import struct

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

FORMAT, FORMAT_VERSION = "rvqlm-lm", 1
WEIGHTS, CONFIG = "model.safetensors", "config.json"


def sinusoids(steps, dim, max_period=10000.0):
    """AudioCraft's create_sin_embedding, [cos | sin] of s / max_period^(i / (D/2 - 1)), computed as rvqlm does."""
    half = dim // 2
    s = np.arange(steps, dtype=np.float64)[:, None]
    i = np.arange(half, dtype=np.float64)[None, :]
    phase = s / max_period ** (i / (half - 1) if half > 1 else 0 * i)
    return torch.from_numpy(np.concatenate([np.cos(phase), np.sin(phase)], axis=1).astype(np.float32))


class Attention(nn.Module):
    def __init__(self, dim, heads):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(dim, 3 * dim, bias=False)
        self.out = nn.Linear(dim, dim, bias=False)

    def forward(self, x):
        b, s, d = x.shape
        q, k, v = self.qkv(x).view(b, s, 3, self.heads, d // self.heads).permute(2, 0, 3, 1, 4)
        scores = (q * (d // self.heads) ** -0.5) @ k.transpose(-1, -2)              # [B, H, S, S]
        causal = torch.ones(s, s, dtype=torch.bool).tril()
        y = scores.masked_fill(~causal, float("-inf")).softmax(-1) @ v
        return self.out(y.transpose(1, 2).reshape(b, s, d))


class FeedForward(nn.Module):
    def __init__(self, dim, multiplier):
        super().__init__()
        self.w1 = nn.Linear(dim, multiplier * dim, bias=False)
        self.w2 = nn.Linear(multiplier * dim, dim, bias=False)

    def forward(self, x):
        return self.w2(F.gelu(self.w1(x)))


class Block(nn.Module):
    def __init__(self, dim, heads, multiplier):
        super().__init__()
        self.ln1, self.attn = nn.LayerNorm(dim), Attention(dim, heads)
        self.ln2, self.ffn = nn.LayerNorm(dim), FeedForward(dim, multiplier)

    def forward(self, x):
        x = x + self.attn(self.ln1(x))
        return x + self.ffn(self.ln2(x))


class Depth(nn.Module):
    """The depth transformer of a depth-family model (Moshi's depformer, RQ-Transformer)."""

    def __init__(self, cfg):
        super().__init__()
        k, n, d = cfg["codebooks"], cfg["codebook_size"], cfg["depth"]
        self.k, self.n = k, n
        self.add_module("in", nn.Linear(cfg["dim"], d["dim"], bias=False))       # rvqlm's name: depth.in
        self.pos = nn.Parameter(torch.zeros(k, d["dim"]))
        if k > 1:
            self.emb = nn.Embedding((k - 1) * (n + 1), d["dim"])
        self.layers = nn.ModuleList(Block(d["dim"], d["heads"], d["ffn_multiplier"]) for _ in range(d["layers"]))
        self.ln = nn.LayerNorm(d["dim"])
        self.heads = nn.Parameter(torch.zeros(k, d["dim"], n))

    def forward(self, h, cells):
        """h [B, S, D] temporal states, cells [B, S, K] the cells fed (N where empty) -> logits [B, S, K, N]."""
        b, s, _ = h.shape
        x = getattr(self, "in")(h)[:, :, None, :] + self.pos                         # [B, S, K, D']
        if self.k > 1:
            offsets = torch.arange(self.k - 1) * (self.n + 1)
            x = x + F.pad(self.emb(cells[:, :, :-1] + offsets), (0, 0, 1, 0))         # nothing fed at k = 0
        x = x.reshape(b * s, self.k, -1)
        for layer in self.layers:
            x = layer(x)
        x = self.ln(x).reshape(b, s, self.k, -1)
        return torch.einsum("bskd,kdn->bskn", x, self.heads)


class RvqLm(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.config = cfg
        k, n, d = cfg["codebooks"], cfg["codebook_size"], cfg["dim"]
        self.k, self.n = k, n
        self.emb = nn.Embedding(k * (n + 1), d)
        self.layers = nn.ModuleList(Block(d, cfg["heads"], cfg["ffn_multiplier"]) for _ in range(cfg["layers"]))
        self.ln_f = nn.LayerNorm(d, eps=cfg.get("layer_norm_eps", 1e-5))
        if cfg["family"] == "depth":
            self.depth = Depth(cfg)
        else:
            self.heads = nn.Linear(d, k * n, bias=False)
        self.register_buffer("positions", sinusoids(cfg["max_sequence_steps"], d), persistent=False)

    def hidden(self, sequence):
        """sequence [B, K, S] int64 in [0, N] -> final states h [B, S, D] (after the last LayerNorm)."""
        s = sequence.shape[-1]
        if s > self.config["max_sequence_steps"]:
            raise ValueError(f"{s} steps but the model takes at most {self.config['max_sequence_steps']}")
        rows = sequence + (torch.arange(self.k) * (self.n + 1))[None, :, None]
        x = self.emb(rows).sum(1) + self.positions[:s]
        for layer in self.layers:
            x = layer(x)
        return self.ln_f(x)

    def logits(self, sequence):
        """Teacher-forced logits of every cell of steps 1..S-1 of sequence [B, K, S]: [B, S-1, K, N]."""
        h = self.hidden(sequence[:, :, :-1])
        b, s, _ = h.shape
        if self.config["family"] == "depth":
            return self.depth(h, sequence[:, :, 1:].transpose(1, 2))
        return self.heads(h).view(b, s, self.k, self.n)


def load(directory):
    """The model `rvq export` wrote into `directory` (config.json + model.safetensors), in eval mode."""
    with open(os.path.join(directory, CONFIG)) as f:
        cfg = json.load(f)
    if cfg.get("format") != FORMAT or cfg.get("format_version") != FORMAT_VERSION:
        raise ValueError(f"{directory}: not an rvqlm export ({cfg.get('format')} {cfg.get('format_version')})")
    model = RvqLm(cfg)
    model.load_state_dict({k: torch.from_numpy(v) for k, v in read_safetensors(os.path.join(directory, WEIGHTS)).items()})
    return model.eval()


def save(model, directory):
    """Writes `model`'s config and weights as `rvq export` does, so that rvqlm reads them back."""
    os.makedirs(directory, exist_ok=True)
    tensors = {k: v.detach().cpu().numpy() for k, v in model.state_dict().items()}
    write_safetensors(os.path.join(directory, WEIGHTS), tensors, {"format": "pt", "rvqlm": f"{FORMAT} {FORMAT_VERSION}"})
    with open(os.path.join(directory, CONFIG), "w") as f:
        json.dump(model.config, f, indent=2)


_DTYPES = {"F32": "<f4", "F64": "<f8", "I64": "<i8", "I32": "<i4", "I16": "<i2", "I8": "i1", "U8": "u1"}


def read_safetensors(path):
    """{name: numpy array} of a safetensors file (with the safetensors package when it is installed)."""
    try:
        from safetensors.numpy import load_file
        return load_file(path)
    except ImportError:
        pass
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n])
    out = {}
    for name, t in header.items():
        if name == "__metadata__":
            continue
        begin, end = t["data_offsets"]
        out[name] = np.frombuffer(data[8 + n + begin:8 + n + end], dtype=_DTYPES[t["dtype"]]).reshape(t["shape"]).copy()
    return out


def write_safetensors(path, tensors, metadata):
    """Writes {name: numpy array} as safetensors (with the safetensors package when it is installed)."""
    try:
        from safetensors.numpy import save_file
        return save_file(tensors, path, metadata=metadata)
    except ImportError:
        pass
    codes = {v: k for k, v in _DTYPES.items()}
    header, blobs, offset = {"__metadata__": metadata}, [], 0
    for name, a in tensors.items():
        a = np.ascontiguousarray(a, dtype=np.dtype(a.dtype).newbyteorder("<"))
        header[name] = {"dtype": codes[a.dtype.str.replace("|", "")], "shape": list(a.shape),
                        "data_offsets": [offset, offset + a.nbytes]}
        blobs.append(a.tobytes())
        offset += a.nbytes
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def _parity(request_path):
    """For rvqlm's parity test: the max |logit difference| per export named in a JSON request, as JSON lines
    (and each model saved again where the request says, for the way back)."""
    with open(request_path) as f:
        request = json.load(f)
    torch.set_num_threads(1)
    for case in request["cases"]:
        model = load(case["export"])
        sequence = torch.tensor(case["sequence"], dtype=torch.long)
        with torch.no_grad():
            ours = model.logits(sequence)
        theirs = torch.tensor(case["logits"], dtype=torch.float32).view(ours.shape)
        if "resave" in case:
            save(model, case["resave"])
        print(json.dumps({"name": case["name"], "max_abs_diff": float((ours - theirs).abs().max()),
                          "max_abs_logit": float(theirs.abs().max()), "torch": torch.__version__}), flush=True)


if __name__ == "__main__":
    import sys
    if len(sys.argv) == 3 and sys.argv[1] == "--parity":
        _parity(sys.argv[2])
    else:
        sys.exit(__doc__)
