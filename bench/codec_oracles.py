#!/usr/bin/env python3
"""Known-answer bounds for the codec's fine structure, on the test clips of a corpus (numpy + scipy only).

    python3 bench/codec_oracles.py CORPUS_DIR        # CORPUS_DIR holds test.txt and the clips it lists

Every oracle keeps the exact gain-shape band envelopes of rvqlm's codec (MDCT with a sine window, hop 320 at
24 kHz, 60 mel-spaced bands) and replaces the rest; the figures are this repository's metrics re-implemented:
MR-STFT = spectral convergence + mean |log10 magnitude| difference over windows 512/1024/2048 (Hann, hop /4),
log-mel = mean |log10 mel| difference (80 bands, window 1024, hop 256). Rows:
  random-signs      exact |MDCT|, random signs (a decoder that knows every magnitude but no phase)
  envelope+noise    exact envelopes, Gaussian shapes (no fine structure at all)
  harmonic F        exact envelopes; voiced frames (YIN) get harmonics of the tracked f0 up to F Hz with amplitudes
                    from the envelope, noise elsewhere (a harmonic-plus-noise decoder given the true pitch)
  low-band F, S dB  exact MDCT below F Hz plus noise at S dB below each frame's low-band power, noise shapes above
                    (what fine-structure stages that code the low band's waveform at that accuracy would give)
"""
import sys

import numpy as np
import scipy.io.wavfile as wavfile

SR, M = 24000, 320


def hann(n):
    return 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(n) / n)


def stft_mag(x, n):
    hop, w = n // 4, hann(n)
    xp = np.concatenate([np.zeros(n // 2), x, np.zeros(n)])
    frames = 1 + len(x) // hop
    idx = np.arange(frames)[:, None] * hop + np.arange(n)[None, :]
    return np.abs(np.fft.rfft(xp[idx] * w, axis=1)) / w.sum()


def mr_stft(a, b):
    n = min(len(a), len(b))
    sc = lm = 0
    for size in (512, 1024, 2048):
        A, B = stft_mag(a[:n], size), stft_mag(b[:n], size)
        sc += np.sqrt(((A - B) ** 2).sum() / (A ** 2).sum()) / 3
        lm += np.abs(np.log10(np.maximum(A, 1e-7)) - np.log10(np.maximum(B, 1e-7))).mean() / 3
    return sc + lm, sc, lm


def mel_filters(bands=80, n=1024):
    bins, nyq = n // 2 + 1, SR / 2
    mel = lambda f: 2595 * np.log10(1 + f / 700)
    imel = lambda m: (10 ** (m / 2595) - 1) * 700
    c = imel(mel(nyq) * np.arange(bands + 2) / (bands + 1))
    f = np.arange(bins) * nyq / (bins - 1)
    out = np.zeros((bands, bins))
    for b in range(bands):
        w = np.maximum(np.where(f <= c[b + 1], (f - c[b]) / (c[b + 1] - c[b]), (c[b + 2] - f) / (c[b + 2] - c[b + 1])), 0)
        if w.max() <= 0:
            w = np.zeros(bins)
            w[int(round(c[b + 1] / (nyq / (bins - 1))))] = 1
        out[b] = w
    return out


FILTERS = mel_filters()


def log_mel(a, b):
    n = min(len(a), len(b))
    f = lambda x: np.log10(np.maximum(stft_mag(x[:n], 1024) @ FILTERS.T, 1e-5))
    return np.abs(f(a) - f(b)).mean()


WINDOW = np.sin(np.pi * (np.arange(2 * M) + 0.5) / (2 * M))
BASIS = np.cos(np.pi / M * (np.arange(2 * M)[:, None] + 0.5 + M / 2) * (np.arange(M)[None, :] + 0.5))


def mdct(x):
    frames = (len(x) + M - 1) // M + 1
    xp = np.concatenate([np.zeros(M), x, np.zeros(3 * M)])
    idx = np.arange(frames)[:, None] * M + np.arange(2 * M)[None, :]
    return (xp[idx] * WINDOW) @ BASIS


def imdct(c, n):
    frames = (c @ BASIS.T) * (2.0 / M) * WINDOW
    acc = np.zeros((len(c) + 1) * M)
    for t in range(len(c)):
        acc[t * M:t * M + 2 * M] += frames[t]
    return acc[M:M + n]


def band_edges(bands=60):
    mel = lambda f: 2595 * np.log10(1 + f / 700)
    imel = lambda m: (10 ** (m / 2595) - 1) * 700
    e, bin_hz, top = [0], SR / 2 / M, mel(SR / 2)
    for b in range(1, bands):
        e.append(min(M - (bands - b) * 2, max(e[-1] + 2, int(round(imel(top * b / bands) / bin_hz)))))
    return np.array(e + [M])


EDGES = band_edges()


def band_rms(c):
    return np.stack([np.sqrt((c[:, s:e] ** 2).mean(1)) for s, e in zip(EDGES[:-1], EDGES[1:])], 1)


def per_bin(r):
    return np.repeat(r, np.diff(EDGES), axis=1)


def noise_like(c, rng, rms=None):
    g = rng.standard_normal(c.shape)
    return g * per_bin(band_rms(c) if rms is None else rms) / np.maximum(per_bin(band_rms(g)), 1e-12)


def yin(x, frames, size=1024, lo=48, hi=400, threshold=0.15):
    """f0 and periodicity at every MDCT frame centre (cumulative mean normalised difference)."""
    xp = np.concatenate([np.zeros(size), x, np.zeros(2 * size)])
    f0, periodic = np.zeros(frames), np.zeros(frames)
    for t in range(frames):
        seg = xp[t * M + size // 2:t * M + size // 2 + size + hi]
        a = seg[:size]
        energy = np.concatenate([[0], np.cumsum(seg * seg)])
        d = (a @ a) + energy[np.arange(hi + 1) + size] - energy[:hi + 1] \
            - 2 * np.array([a @ seg[tau:tau + size] for tau in range(hi + 1)])
        cm = np.ones(hi + 1)
        cm[1:] = d[1:] * np.arange(1, hi + 1) / np.maximum(np.cumsum(d[1:]), 1e-12)
        below = np.where(cm[lo:hi] < threshold)[0]
        i = below[0] + lo if len(below) else np.argmin(cm[lo:hi + 1]) + lo
        while len(below) and i + 1 < hi and cm[i + 1] < cm[i]:
            i += 1
        den = cm[i - 1] - 2 * cm[i] + cm[min(i + 1, hi)]
        off = 0.5 * (cm[i - 1] - cm[min(i + 1, hi)]) / den if den > 0 else 0
        f0[t] = SR / (i + off)
        periodic[t] = max(0, 1 - cm[i]) if a @ a > 1e-8 else 0
    return f0, periodic


def harmonic(x, c, rng, f_max):
    frames, n = len(c), len(x)
    rms = band_rms(c)
    f0, periodic = yin(x, frames)
    voiced = periodic > 0.6
    centres, samples = np.arange(frames) * M, np.arange(n)
    phase = 2 * np.pi * np.cumsum(np.interp(samples, centres, f0)) / SR
    edges_hz, bin_hz = EDGES * SR / 2 / M, SR / 2 / M
    y = np.zeros(n)
    for h in range(1, int(f_max / 50) + 1):
        b = np.clip(np.searchsorted(edges_hz, h * f0, side='right') - 1, 0, len(EDGES) - 2)
        # a harmonic carries the power of an f0-wide slice of its band (MDCT band RMS to sine amplitude)
        # (band_rms is the RMS of the MDCT coefficients, √M times the RMS the codec's envelope stores)
        amp = np.sqrt(4 * rms[np.arange(frames), b] ** 2 / M * f0 / (M * bin_hz)) * (h * f0 < f_max) * voiced
        y += np.interp(samples, centres, amp) * np.cos(h * phase)
    keep = np.ones_like(rms)
    keep[np.ix_(voiced, edges_hz[1:] <= f_max)] = 0
    return y + imdct(noise_like(c, rng, rms * keep), n)


def low_band(c, rng, f_cut, snr_db):
    bins = int(f_cut / (SR / 2 / M))
    y = noise_like(c, rng)
    low = c[:, :bins]
    y[:, :bins] = low + rng.standard_normal(low.shape) * np.sqrt((low ** 2).mean(1, keepdims=True)) * 10 ** (-snr_db / 20)
    return y * per_bin(band_rms(c)) / np.maximum(per_bin(band_rms(y)), 1e-12)


def main(corpus):
    clips = []
    for line in open(f'{corpus}/test.txt'):
        if line.strip():
            rate, x = wavfile.read(f'{corpus}/{line.strip()}')
            assert rate == SR, f'{line.strip()}: {rate} Hz, expected {SR}'
            clips.append((line.strip(), x.astype(np.float64) / 32768))
    rows = {}
    for name, x in clips:
        rng = np.random.default_rng(0)
        c, n = mdct(x), len(x)
        candidates = {
            'random-signs': lambda: imdct(np.abs(c) * rng.choice([-1, 1], c.shape), n),
            'envelope+noise': lambda: imdct(noise_like(c, rng), n),
            'harmonic 2000': lambda: harmonic(x, c, rng, 2000),
            'harmonic 4000': lambda: harmonic(x, c, rng, 4000),
        }
        for f_cut in (750, 1500, 3000):
            for snr in (3, 6, 10):
                candidates[f'low-band {f_cut}, {snr} dB'] = (lambda f=f_cut, s=snr: imdct(low_band(c, rng, f, s), n))
        for label, make in candidates.items():
            y = make()
            rows.setdefault(label, []).append((*mr_stft(x, y), log_mel(x, y), 'speech' in name))
        print(f'done {name}', file=sys.stderr)
    print(f'{"oracle":24s} {"MR-STFT":>8s} {"SC":>6s} {"log-mag":>8s} {"log-mel":>8s} {"speech":>7s} {"music":>7s}')
    for label, values in rows.items():
        a = np.array([v[:4] for v in values])
        speech = np.array([v[4] for v in values])
        print(f'{label:24s} {a[:, 0].mean():8.3f} {a[:, 1].mean():6.3f} {a[:, 2].mean():8.3f} {a[:, 3].mean():8.3f} '
              f'{a[speech, 0].mean():7.3f} {a[~speech, 0].mean():7.3f}')


if __name__ == '__main__':
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
