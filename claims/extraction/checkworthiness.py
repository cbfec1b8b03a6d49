"""Check-worthiness scoring: how much a sentence deserves a fact-checker's time, in [0, 1].

Run time is plain Python + numpy (and onnxruntime + tokenizers for the transformer model, imported
only when such a model is loaded). No Django, no scikit-learn, no torch, no pickle: every shipped
model is a JSON manifest beside plain arrays (``.npz`` read with ``allow_pickle=False``) or ONNX.

The pipeline depends only on the protocol ``version: str`` + ``score(texts) -> ndarray``.
Which model ``load_default()`` returns is chosen by ``CLAIMTRACK_CHECKWORTHINESS_MODEL``: a shipped
model name (``ensemble``: the weighted mean of ``minilm`` and ``linear``, the default;
``cascade``: the same, with ``minilm`` run only where ``linear`` scores at least a cut;
``minilm``: fine-tuned MiniLM; ``linear``: TF-IDF + logistic regression, about 50x faster) or a
path to a manifest; unset means the shipped default.
"""

from __future__ import annotations

import json
import logging
import os
import re
from array import array
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

from claims.extraction.normalise import replace_each, replacements

logger = logging.getLogger(__name__)

MODELS_DIR = Path(__file__).resolve().parent / "models"
MODEL_ENV = "CLAIMTRACK_CHECKWORTHINESS_MODEL"
THREADS_ENV = "CLAIMTRACK_CHECKWORTHINESS_THREADS"
# The best F1 shipped (MiniLM ONNX + linear, weighted mean chosen on CT24 dev); "linear" is the fast
# fallback (about 50x the throughput, lower F1): see models/MODEL_CARD.md for the trade-off table.
DEFAULT_MODEL_NAME = "ensemble"
FALLBACK_MODEL_NAME = "linear"


def _default_name() -> str:
    chosen = os.environ.get(MODEL_ENV)
    if chosen:
        return chosen
    try:
        import onnxruntime  # noqa: F401
        import tokenizers  # noqa: F401
    except ImportError:
        # Without the transformer's run-time packages the product still ranks claims, with the
        # numpy model; the stored model version says which one scored each claim.
        logger.warning(
            "onnxruntime/tokenizers not installed: check-worthiness falls back to %r",
            FALLBACK_MODEL_NAME,
        )
        return FALLBACK_MODEL_NAME
    return DEFAULT_MODEL_NAME


def _manifest_threshold(name_or_path: str, fallback: float = 0.5) -> float:
    path = Path(name_or_path)
    if not path.suffix and not path.exists():
        path = MODELS_DIR / f"{name_or_path}.json"
    try:
        return float(json.loads(path.read_text(encoding="utf-8"))["threshold"])
    except (OSError, ValueError, KeyError):
        return fallback


DEFAULT_THRESHOLD: float = _manifest_threshold(_default_name())
"""Score at or above which a sentence becomes a candidate claim: the threshold of the model that
``load_default()`` returns (read from its manifest when this module is imported).

Each threshold maximises positive-class F1 on CT24 dev (never tuned on a test set). Measured
precision / recall on CT24 test and CT23 test (full tables: ``models/MODEL_CARD.md``):

- ensemble (default; cascade the same on these sets) at 0.70: P 0.80 / R 0.58 and P 0.97 /
  R 0.66; at 0.5: P 0.69 / R 0.68 and P 0.91 / R 0.81; at 0.3: P 0.56 / R 0.81 and P 0.82 / R 0.94.
- minilm at 0.77: P 0.81 / R 0.55 and P 0.97 / R 0.64; at 0.5: P 0.64 / R 0.72 and
  P 0.91 / R 0.82; at 0.3: P 0.56 / R 0.83 and P 0.83 / R 0.94.
- linear (distilled from minilm) at 0.54: P 0.67 / R 0.57 and P 0.89 / R 0.73; at 0.3: P 0.55 /
  R 0.77 and P 0.77 / R 0.90.

The test sets hold more positives than ClaimBuster, so lower thresholds buy recall cheaply; a
triage queue read top-down can afford that, since a false candidate sinks to the bottom.
"""


@runtime_checkable
class CheckworthinessModel(Protocol):
    """What the ingest pipeline needs: a version to store per claim and a batch scorer."""

    version: str
    threshold: float

    def score(self, texts: Sequence[str]) -> np.ndarray: ...


# --- text normalisation ------------------------------------------------------------------------

# The training debates are transcribed with straight quotes; news arrives with typographic ones.
# Without this the seed article's two copies (straight and curly quotes) scored differently.
_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u2026": "...",
        "\u00a0": " ",
    }
)


_TYPOGRAPHY_PAIRS = replacements(_TYPOGRAPHY)


def normalise_typography(text: str) -> str:
    """Straight quotes, ASCII dashes and "..." for ellipses: what every model is trained on."""
    # Every character the table maps is outside ASCII. replace_each is text.translate(_TYPOGRAPHY)
    # without translate's per-character dict lookups.
    return text if text.isascii() else replace_each(text, _TYPOGRAPHY_PAIRS)


# --- TF-IDF + logistic regression --------------------------------------------------------------

# scikit-learn's default token_pattern; re-implemented so run time needs no scikit-learn.
_WORD_TOKEN = re.compile(r"(?u)\b\w\w+\b")


def word_ngrams(text: str, max_n: int) -> list[str]:
    """Lower-cased word 1..max_n-grams, identical to TfidfVectorizer(analyzer="word")."""
    tokens = _WORD_TOKEN.findall(text.lower())
    grams = list(tokens)
    for n in range(2, min(max_n, len(tokens)) + 1):
        grams += [" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]
    return grams


def char_wb_ngrams(text: str, min_n: int, max_n: int) -> list[str]:
    """Character n-grams inside space-padded words, identical to analyzer="char_wb"."""
    grams: list[str] = []
    for word in text.lower().split():
        padded = f" {word} "
        length = len(padded)
        for n in range(min_n, max_n + 1):
            if length <= n:
                # sklearn counts a word shorter than n once, then stops growing n.
                grams.append(padded)
                break
            grams += [padded[i : i + n] for i in range(length - n + 1)]
    return grams


def _joined(cache: dict[str, bytes], words: list[str], make: Callable[[str], bytes]) -> bytes:
    """The cached bytes of ``words`` joined, each missing word's made and cached first."""
    try:
        return b"".join([cache[word] for word in words])  # one lookup a word once warm
    except KeyError:
        for word in words:
            if word not in cache:
                cache[word] = make(word)
        return b"".join([cache[word] for word in words])


class _TfidfBlock:
    """One TfidfVectorizer (sublinear tf, smooth idf, l2 norm) with a stored vocabulary.

    With ``per_word=True`` (char_wb: every n-gram lies inside one word) the in-vocabulary feature
    ids are computed once per distinct word and cached; words repeat, so most of a sentence's
    few hundred character n-grams cost one dict hit per word instead of one per n-gram.
    """

    _CACHE_LIMIT = 200_000

    def __init__(
        self,
        terms: list[str],
        idf: np.ndarray,
        coef: np.ndarray,
        analyzer: Callable[[str], list[str]],
        per_word: bool = False,
    ) -> None:
        self.index = {term: i for i, term in enumerate(terms)}
        self.idf = idf
        self.coef = coef
        self.analyzer = analyzer
        self.per_word = per_word
        # Per word: its in-vocabulary feature ids as int64 bytes, joined per text in one call.
        self._word_ids: dict[str, bytes] = {}
        # Whether ``word_pairs`` can take the texts as lower-cased words.
        self.takes_words = per_word

    def _ids(self, text: str, cols: array) -> int:
        """Append the in-vocabulary feature ids of `text` to `cols`; return how many.

        The reference implementation: ``pairs`` gives the same (row, feature) pairs faster.
        """
        before = len(cols)
        lookup = self.index.get
        if not self.per_word:
            cols.extend([i for i in map(lookup, self.analyzer(text)) if i is not None])
            return len(cols) - before
        for word in text.lower().split():
            cols.extend(array("q", [i for i in map(lookup, self.analyzer(word)) if i is not None]))
        return len(cols) - before

    def pairs(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """(row, feature id) of every in-vocabulary n-gram occurrence in ``texts``."""
        if not self.per_word:
            buffer = array("q")
            lengths = [self._ids(text, buffer) for text in texts]
            cols = np.frombuffer(buffer, dtype=np.int64) if buffer else np.zeros(0, np.int64)
            return np.repeat(np.arange(len(texts), dtype=np.int64), lengths), cols
        return self.word_pairs([text.lower().split() for text in texts])

    def word_pairs(self, split: Sequence[list[str]]) -> tuple[np.ndarray, np.ndarray]:
        """``pairs`` of texts given as their lower-cased words (``text.lower().split()``);
        only where ``takes_words``."""
        cache = self._word_ids
        if len(cache) > self._CACHE_LIMIT:
            cache.clear()
        lookup = self.index.get

        def ids(word: str) -> bytes:
            return array(
                "q", [i for i in map(lookup, self.analyzer(word)) if i is not None]
            ).tobytes()

        chunks = [_joined(cache, words, ids) for words in split]
        cols = np.frombuffer(b"".join(chunks), dtype=np.int64)
        lengths = [len(chunk) // 8 for chunk in chunks]
        return np.repeat(np.arange(len(split), dtype=np.int64), lengths), cols

    def decision(self, texts: Sequence[str]) -> np.ndarray:
        rows, cols = self.pairs(texts)
        return self._decision(len(texts), rows, cols)

    def _decision(self, count: int, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        out = np.zeros(count, dtype=np.float64)
        if not len(cols):
            return out
        # Count (row, feature) pairs: the sparse term-count matrix in coordinate form.
        pairs = rows * len(self.idf) + cols
        unique, counts = np.unique(pairs, return_counts=True)
        doc, feature = np.divmod(unique, len(self.idf))
        value = (1.0 + np.log(counts)) * self.idf[feature]
        norm = np.sqrt(np.bincount(doc, weights=value * value, minlength=count))
        dot = np.bincount(doc, weights=value * self.coef[feature], minlength=count)
        np.divide(dot, norm, out=out, where=norm > 0)
        return out


# Once joined a batch's texts for one tokenizer pass; kept so tests can show that a text holding
# it is still scored as if alone. Texts are now separated by a -2 id (_TEXT_END).
_BATCH_SEPARATOR = "ctkbatchseparator7f3a"
_TEXT_END = np.array([-2], dtype=np.int64).tobytes()


class _WordNgramBlock(_TfidfBlock):
    """The word 1..max_n-gram block, with its n-grams looked up as integers in numpy.

    Each token is looked up once (its unigram feature id, or -1); an n-gram is the number
    ``((t1 * B) + t2) * B + ...`` of its tokens' ids, found in a sorted array of the vocabulary's
    n-grams with ``searchsorted``. The pairs are those of ``word_ngrams`` + ``_ids``: an n-gram
    with a token outside the unigram vocabulary is in no vocabulary, and texts are joined with a
    -1 between them, so no n-gram spans two. Used only when every token of every vocabulary
    n-gram is itself a vocabulary unigram (checked here); otherwise the string path runs.
    """

    def __init__(self, terms: list[str], idf: np.ndarray, coef: np.ndarray, max_n: int) -> None:
        super().__init__(terms, idf, coef, lambda text: word_ngrams(text, max_n))
        self.max_n = max_n
        self.base = len(terms) + 1
        self.token_id = {term: i for i, term in enumerate(terms) if " " not in term}
        self._token_ids: dict[str, bytes] = {}
        self.ngram_keys: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self.vectorised = self.base ** max(max_n, 1) < 2**62
        by_n: dict[int, tuple[list[int], list[int]]] = {}
        for feature, term in enumerate(terms):
            tokens = term.split(" ")
            if len(tokens) == 1:
                continue
            ids = [self.token_id.get(token) for token in tokens]
            if None in ids or len(tokens) > max_n:
                self.vectorised = False
                break
            key = 0
            for token in ids:
                key = key * self.base + token
            keys, features = by_n.setdefault(len(tokens), ([], []))
            keys.append(key)
            features.append(feature)
        for n, (keys, features) in by_n.items():
            order = np.argsort(np.array(keys, dtype=np.int64), kind="stable")
            self.ngram_keys[n] = (
                np.array(keys, dtype=np.int64)[order],
                np.array(features, dtype=np.int64)[order],
            )
        self.takes_words = self.vectorised

    def pairs(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        if not self.vectorised:
            return super().pairs(texts)
        return self.word_pairs([text.lower().split() for text in texts])

    def word_pairs(self, split: Sequence[list[str]]) -> tuple[np.ndarray, np.ndarray]:
        # Token ids per whitespace-separated word, cached as int64 bytes (-1 outside the unigram
        # vocabulary): a token (a run of two or more word characters) never spans whitespace, so
        # a text's ids are its words' ids in order, as the tokenizer would find them in the
        # whole text. Each text's ids end with a -2, which splits the rows.
        cache = self._token_ids
        if len(cache) > self._CACHE_LIMIT:
            cache.clear()
        lookup = self.token_id.get

        def ids(word: str) -> bytes:
            return array("q", [lookup(token, -1) for token in _WORD_TOKEN.findall(word)]).tobytes()

        chunks = [_joined(cache, words, ids) for words in split]
        chunks.append(b"")
        ids = np.frombuffer(_TEXT_END.join(chunks), dtype=np.int64).copy()
        ends = ids == -2
        ids[ends] = -1  # no n-gram across two texts
        row_of = np.cumsum(ends) - ends
        known = ids >= 0
        rows, cols = [row_of[known]], [ids[known]]
        for n in range(2, self.max_n + 1):
            if n not in self.ngram_keys or len(ids) < n:
                continue
            width = len(ids) - n + 1
            key = ids[:width].copy()
            valid = known[:width].copy()
            for k in range(1, n):
                key = key * self.base + ids[k : k + width]
                valid &= known[k : k + width]
            key, start_rows = key[valid], row_of[:width][valid]
            vocabulary, features = self.ngram_keys[n]
            at = np.searchsorted(vocabulary, key)
            at[at == len(vocabulary)] = 0
            found = vocabulary[at] == key
            rows.append(start_rows[found])
            cols.append(features[at[found]])
        return np.concatenate(rows), np.concatenate(cols)


class LinearCheckworthinessModel:
    """TF-IDF word + char_wb n-grams with logistic regression, from plain arrays."""

    def __init__(self, manifest: dict, arrays: dict[str, np.ndarray]) -> None:
        self.version: str = manifest["version"]
        self.threshold: float = float(manifest["threshold"])
        word_max = int(manifest["word_ngram_range"][1])
        char_min, char_max = (int(n) for n in manifest["char_ngram_range"])
        self.blocks = [
            _WordNgramBlock(
                _split_terms(arrays["word_terms"]),
                arrays["word_idf"],
                arrays["word_coef"],
                word_max,
            ),
            _TfidfBlock(
                _split_terms(arrays["char_terms"]),
                arrays["char_idf"],
                arrays["char_coef"],
                lambda text: char_wb_ngrams(text, char_min, char_max),
                per_word=True,
            ),
        ]
        self.intercept = float(arrays["intercept"][0])
        sizes = [len(block.idf) for block in self.blocks]
        self._offsets = [sum(sizes[:b]) for b in range(len(sizes))]
        self._all_idf = np.concatenate([block.idf for block in self.blocks])
        self._all_coef = np.concatenate([block.coef for block in self.blocks])
        self._block_of = np.repeat(np.arange(len(sizes), dtype=np.int64), sizes)

    def decision_function(self, texts: Sequence[str]) -> np.ndarray:
        """Intercept plus each block's decision, as ``_TfidfBlock.decision`` computes them, in
        one numpy pass over all blocks: features are numbered across blocks, and each sum runs
        per (text, block) in the same order as a block alone, so the floats are the same."""
        count = len(texts)
        total = np.full(count, self.intercept, dtype=np.float64)
        width = len(self._all_idf)
        keys = []
        split = None  # each text's lower-cased words, made once for both blocks
        for block, offset in zip(self.blocks, self._offsets, strict=True):
            if block.takes_words:
                if split is None:
                    split = [text.lower().split() for text in texts]
                rows, cols = block.word_pairs(split)
            else:
                rows, cols = block.pairs(texts)
            keys.append(rows * width + (cols + offset))
        pairs = np.sort(np.concatenate(keys))
        if not len(pairs):
            return total
        # np.unique(pairs, return_counts=True), without its wrapper's overhead on small arrays.
        starts = np.flatnonzero(np.concatenate(([True], pairs[1:] != pairs[:-1])))
        unique = pairs[starts]
        counts = np.diff(np.append(starts, len(pairs)))
        doc = unique // width
        feature = unique - doc * width
        value = (1.0 + np.log(counts)) * self._all_idf[feature]
        blocks = len(self.blocks)
        slot = doc * blocks + self._block_of[feature]
        norms = np.sqrt(np.bincount(slot, weights=value * value, minlength=count * blocks))
        dots = np.bincount(slot, weights=value * self._all_coef[feature], minlength=count * blocks)
        out = np.zeros((count, blocks), dtype=np.float64)
        positive = norms > 0
        np.divide(dots, norms, out=out.reshape(-1), where=positive)
        for b in range(blocks):
            total += out[:, b]
        return total

    def score(self, texts: Sequence[str]) -> np.ndarray:
        return _sigmoid(self.decision_function([normalise_typography(t) for t in texts]))


def _split_terms(encoded: np.ndarray) -> list[str]:
    # Terms are stored as one UTF-8 byte array joined by "\n" (no pickled object arrays);
    # neither analyzer can produce a newline inside a term.
    return bytes(encoded).decode("utf-8").split("\n")


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * x))


# --- transformer (ONNX) ------------------------------------------------------------------------


class OnnxCheckworthinessModel:
    """A fine-tuned transformer classifier exported to ONNX, run with onnxruntime + tokenizers.

    Sentences are sorted by length and batched ``batch_size`` at a time (padding stays short);
    scores come back in the caller's order. The shipped int8 model uses batch_size 1: its
    activation scale is per call, and a stored score must not depend on batch mates.
    onnxruntime and tokenizers are imported here, not at module import, so the linear model keeps
    working where they are not installed.
    """

    def __init__(self, manifest: dict, folder: Path) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        self.version = manifest["version"]
        self.threshold = float(manifest["threshold"])
        self.max_length = int(manifest.get("max_length", 64))
        self.batch_size = int(manifest.get("batch_size", 1))
        self.tokenizer = Tokenizer.from_file(str(folder / manifest["tokenizer"]))
        self.tokenizer.enable_truncation(self.max_length)
        self.tokenizer.no_padding()
        options = onnxruntime.SessionOptions()
        # One process per core (ingest --workers) wants 1 thread each; a lone process wants all.
        threads = os.environ.get(THREADS_ENV) or manifest.get("threads") or os.cpu_count() or 1
        options.intra_op_num_threads = int(threads)
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        self.session = onnxruntime.InferenceSession(
            str(folder / manifest["onnx"]), options, providers=["CPUExecutionProvider"]
        )
        self.input_names = {i.name for i in self.session.get_inputs()}

    def score(self, texts: Sequence[str]) -> np.ndarray:
        texts = [normalise_typography(t) for t in texts]
        out = np.zeros(len(texts), dtype=np.float64)
        if not texts:
            return out
        encodings = self.tokenizer.encode_batch(texts)
        lengths = np.array([len(e.ids) for e in encodings])
        order = np.argsort(lengths, kind="stable")
        for start in range(0, len(texts), self.batch_size):
            chunk = order[start : start + self.batch_size]
            width = int(lengths[chunk].max())
            ids = np.zeros((len(chunk), width), dtype=np.int64)
            mask = np.zeros((len(chunk), width), dtype=np.int64)
            for row, index in enumerate(chunk):
                n = lengths[index]
                ids[row, :n] = encodings[index].ids
                mask[row, :n] = 1
            feeds = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self.input_names:
                feeds["token_type_ids"] = np.zeros_like(ids)
            logits = self.session.run(None, feeds)[0]
            out[chunk] = _sigmoid(
                np.asarray(logits, dtype=np.float64).reshape(len(chunk), -1)[:, -1]
            )
        return out


# --- ensemble and cascade ----------------------------------------------------------------------

ENSEMBLE_KIND = "ensemble"


def ensemble_version(name: str, manifest: dict) -> str:
    """``<name>-<12 hex>``: a digest of everything that decides an ensemble's scores (its
    members' versions, their weights, the cascade cut), so each stored score names its recipe."""
    import hashlib

    recipe = {
        "combine": manifest["combine"],
        "members": [
            [manifest[role]["version"], float(manifest[role]["weight"])]
            for role in ("fast", "slow")
        ],
        "cascade_cut": manifest.get("cascade_cut"),
    }
    digest = hashlib.sha256(json.dumps(recipe, sort_keys=True).encode("utf-8")).hexdigest()
    return f"{name}-{digest[:12]}"


class EnsembleCheckworthinessModel:
    """Weighted mean of two shipped models' scores: ``w_fast * fast + w_slow * slow``.

    The manifest names its members' manifests (no weight files of its own) and the versions its
    weight and threshold were chosen for; loading fails if a member has since been retrained.

    With ``cascade_cut`` set (the ``cascade`` model), the slow member scores only the sentences
    whose fast score is at least the cut; the others score ``w_fast * fast``, i.e. as if the slow
    model had said 0. A skipped sentence therefore scores below ``w_fast * cut``, and every
    sentence the slow model scored scores at least that: skipped sentences rank below all scored
    ones, in the fast model's order, and below any threshold above ``w_fast * cut``.
    """

    def __init__(self, manifest: dict, folder: Path) -> None:
        if manifest.get("combine") != "weighted-mean":
            raise ValueError(f"unknown ensemble combination {manifest.get('combine')!r}")
        self.version: str = manifest["version"]
        self.threshold: float = float(manifest["threshold"])
        members = []
        for role in ("fast", "slow"):
            spec = manifest[role]
            member = _load_cached(str(folder / spec["manifest"]))
            if member.version != spec["version"]:
                raise ValueError(
                    f"{self.version}: its {role} member {spec['manifest']} is now "
                    f"{member.version}, but the weight and threshold were chosen for "
                    f"{spec['version']}; rerun train_checkworthiness --model ensemble"
                )
            members.append((member, float(spec["weight"])))
        (self.fast, self.fast_weight), (self.slow, self.slow_weight) = members
        cut = manifest.get("cascade_cut")
        self.cascade_cut: float | None = None if cut is None else float(cut)

    def slow_mask(self, fast_scores: np.ndarray) -> np.ndarray:
        """Which sentences the slow member scores (all of them without a cascade cut)."""
        if self.cascade_cut is None:
            return np.ones(len(fast_scores), dtype=bool)
        return fast_scores >= self.cascade_cut

    def score(self, texts: Sequence[str]) -> np.ndarray:
        fast = np.asarray(self.fast.score(texts), dtype=np.float64)
        slow = np.zeros(len(texts), dtype=np.float64)
        run = self.slow_mask(fast)
        if run.any():
            slow[run] = self.slow.score([t for t, r in zip(texts, run, strict=True) if r])
        return self.fast_weight * fast + self.slow_weight * slow


# --- loading -----------------------------------------------------------------------------------


def shipped_manifests() -> dict[str, dict]:
    """Manifests under ``models/`` by model name (other JSON there, e.g. tokenizers, skipped)."""
    found = {}
    for path in sorted(MODELS_DIR.glob("*.json")):
        manifest = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(manifest, dict) and "kind" in manifest and "version" in manifest:
            found[path.stem] = manifest
    return found


def load(path: str | Path) -> CheckworthinessModel:
    """Load a model from its JSON manifest (or a shipped model's name, e.g. ``"linear"``)."""
    path = Path(path)
    if not path.suffix and not path.exists():
        path = MODELS_DIR / f"{path}.json"
    if path.is_dir():
        path = path / "manifest.json"
    if not path.exists():
        raise FileNotFoundError(f"check-worthiness model manifest not found: {path}")
    manifest = json.loads(path.read_text(encoding="utf-8"))
    kind = manifest.get("kind")
    if kind == "tfidf-logreg":
        with np.load(path.parent / manifest["arrays"], allow_pickle=False) as data:
            arrays = {key: data[key] for key in data.files}
        return LinearCheckworthinessModel(manifest, arrays)
    if kind == "onnx-classifier":
        return OnnxCheckworthinessModel(manifest, path.parent)
    if kind == ENSEMBLE_KIND:
        return EnsembleCheckworthinessModel(manifest, path.parent)
    raise ValueError(f"{path}: unknown check-worthiness model kind {kind!r}")


@cache
def _load_cached(name_or_path: str) -> CheckworthinessModel:
    return load(name_or_path)


def load_shipped(name: str) -> CheckworthinessModel:
    """A shipped model by name ("linear", "minilm", "ensemble", "cascade"), loaded once."""
    return _load_cached(name)


def load_default() -> CheckworthinessModel:
    """The model named by ``$CLAIMTRACK_CHECKWORTHINESS_MODEL``, else the shipped default.

    Cached per name, so the pipeline loads the arrays or the ONNX session once per process.
    """
    return _load_cached(_default_name())
