"""Check-worthiness: the shipped models score as trained, deterministically, and reach their
measured scores on the CheckThat! test sets."""

from __future__ import annotations

import json

import numpy as np
import pytest

from claims.extraction import checkworthiness
from claims.extraction.checkworthiness import (
    CheckworthinessModel,
    char_wb_ngrams,
    load,
    load_default,
    normalise_typography,
    word_ngrams,
)
from training.evaluation import (
    LabelledSentences,
    average_precision,
    evaluate_model,
    mean_average_precision,
    precision_recall_f1,
    shared_data_dir,
)

SENTENCES = [
    "We're consuming 50 percent of the world's cocaine.",
    "Thank you very much.",
    "Unemployment fell to 4.1% last year, the lowest since 2000.",
    "",
    "   ",
    "I",
    "Ünïcödé  text\twith\ttabs and   spaces",
    "The CSTO refused to condemn Azerbaijan's aggression in the 2020 war.",
]

# Scores each shipped model must reach with its own threshold (measured when it was trained,
# rounded down a little so that a numerically harmless change in onnxruntime does not fail CI).
EXPECTED_F1 = {
    "linear": {"ct24-test": 0.60, "ct23-test": 0.79, "ct22-1a-test": 0.47, "ct21-1b-test": 0.36},
    "minilm": {"ct24-test": 0.64, "ct23-test": 0.76, "ct22-1a-test": 0.42, "ct21-1b-test": 0.40},
    # Measured 0.671 / 0.785 / 0.461 / 0.403 (MAP 0.385, cascade 0.382).
    "ensemble": {"ct24-test": 0.66, "ct23-test": 0.775, "ct22-1a-test": 0.45, "ct21-1b-test": 0.39},
    "cascade": {"ct24-test": 0.66, "ct23-test": 0.775, "ct22-1a-test": 0.45, "ct21-1b-test": 0.39},
}
EXPECTED_MAP = {"linear": 0.32, "minilm": 0.38, "ensemble": 0.375, "cascade": 0.37}
QUANTISATION_ATOL = 0.05


def _requires_sklearn():
    return pytest.importorskip("sklearn", reason="scikit-learn (the train extra) is not installed")


def _requires_data():
    folder = shared_data_dir() / "checkthat2024_task1_english"
    if not folder.exists():
        pytest.skip(
            f"{folder} is absent: put ../shared/data beside the repo or set CLAIMTRACK_SHARED_DATA"
        )


@pytest.mark.parametrize("name", ["linear", "minilm", "cascade"])
def test_the_default_model_is_the_ensemble_and_the_others_are_selectable(monkeypatch, name):
    pytest.importorskip("onnxruntime", reason="onnxruntime is not installed")
    monkeypatch.delenv(checkworthiness.MODEL_ENV, raising=False)
    assert load_default().version.startswith("ensemble-")
    monkeypatch.setenv(checkworthiness.MODEL_ENV, name)
    assert load_default().version.startswith(f"{name}-")


def test_the_default_model_satisfies_the_pipeline_protocol():
    model = load_default()
    assert isinstance(model, CheckworthinessModel)
    assert model.version
    scores = model.score(SENTENCES)
    assert scores.shape == (len(SENTENCES),)
    assert np.all((scores >= 0) & (scores <= 1))


def test_load_default_is_cached_and_follows_the_environment_variable(monkeypatch):
    monkeypatch.setenv(checkworthiness.MODEL_ENV, "linear")
    assert load_default() is load_default()
    assert load_default().version.startswith("linear-")


def test_an_unknown_model_name_raises_a_clear_error():
    with pytest.raises(FileNotFoundError, match="manifest not found"):
        load("no-such-model")


def test_batch_and_single_scores_are_identical():
    model = load("linear")
    batch = model.score(SENTENCES)
    single = np.array([model.score([s])[0] for s in SENTENCES])
    assert np.array_equal(batch, single)


def test_an_empty_batch_scores_to_an_empty_array():
    assert load("linear").score([]).shape == (0,)


def test_a_check_worthy_statistic_outranks_a_courtesy():
    scores = load_default().score(["Thank you very much.", SENTENCES[2]])
    assert scores[1] > scores[0]


def test_word_ngrams_match_scikit_learn():
    _requires_sklearn()
    from sklearn.feature_extraction.text import TfidfVectorizer

    analyzer = TfidfVectorizer(analyzer="word", ngram_range=(1, 2)).build_analyzer()
    for text in SENTENCES:
        assert word_ngrams(text, 2) == analyzer(text)


def test_char_wb_ngrams_match_scikit_learn():
    _requires_sklearn()
    from sklearn.feature_extraction.text import TfidfVectorizer

    analyzer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5)).build_analyzer()
    for text in SENTENCES:
        assert char_wb_ngrams(text, 2, 5) == analyzer(text)


def _small_slice() -> tuple[LabelledSentences, LabelledSentences]:
    from training.evaluation import load_ct24

    train, dev = load_ct24("train"), load_ct24("dev")
    cut = lambda d, n: LabelledSentences(d.name, d.texts[:n], d.labels[:n])  # noqa: E731
    return cut(train, 1500), cut(dev, 300)


@pytest.mark.data
def test_run_time_scores_equal_the_scikit_learn_pipeline_they_were_exported_from():
    _requires_sklearn()
    _requires_data()
    from training.checkworthiness import LinearConfig, fit_linear, train_linear

    train, dev = _small_slice()
    config = LinearConfig(max_word_features=5000, max_char_features=10000, distill_teacher=None)
    result = train_linear(output_dir=None, config=config, train=train, dev=dev)
    reference = fit_linear(
        train.texts + dev.texts, np.concatenate([train.labels, dev.labels]), config
    )
    model = checkworthiness.LinearCheckworthinessModel(result.manifest, result.arrays)
    texts = dev.texts + SENTENCES
    # Run time normalises typography itself; scikit-learn gets the normalised text.
    expected = reference.predict_proba([normalise_typography(t) for t in texts])[:, 1]
    np.testing.assert_allclose(model.score(texts), expected, rtol=0, atol=1e-6)


@pytest.mark.data
def test_the_distillation_pool_holds_no_training_dev_or_test_sentence():
    _requires_data()
    from training.checkworthiness import _dedupe_key, distillation_pool
    from training.evaluation import load_ct24, load_test_sets

    pool = distillation_pool()
    keys = [_dedupe_key(t) for t in pool]
    assert len(pool) > 30_000
    assert len(set(keys)) == len(keys)
    for data in [load_ct24("train"), load_ct24("dev"), *load_test_sets()]:
        assert not {_dedupe_key(t) for t in data.texts} & set(keys), data.name


def test_curly_and_straight_quotes_score_the_same():
    model = load_default()
    straight = 'He said "unemployment fell to 4.1%" - the lowest... since 2000\'s peak.'
    curly = (
        "He said \u201cunemployment fell to 4.1%\u201d \u2014 the lowest\u2026 "
        "since 2000\u2019s peak."
    )
    assert model.score([straight])[0] == model.score([curly])[0]


@pytest.mark.data
def test_training_twice_with_the_fixed_seed_gives_identical_weights():
    _requires_sklearn()
    _requires_data()
    from training.checkworthiness import LinearConfig, train_linear

    train, dev = _small_slice()
    config = LinearConfig(max_word_features=5000, max_char_features=10000, distill_teacher=None)
    first = train_linear(output_dir=None, config=config, train=train, dev=dev)
    second = train_linear(output_dir=None, config=config, train=train, dev=dev)
    assert first.manifest == second.manifest
    assert first.arrays.keys() == second.arrays.keys()
    for key in first.arrays:
        assert np.array_equal(first.arrays[key], second.arrays[key]), key


def test_shipped_manifests_name_files_that_exist_and_are_small():
    total = 0
    manifests = checkworthiness.shipped_manifests()
    assert {"linear", "minilm"} <= manifests.keys()
    for manifest in manifests.values():
        for key in ("arrays", "onnx", "tokenizer"):
            if key in manifest:
                path = checkworthiness.MODELS_DIR / manifest[key]
                assert path.exists(), path
                total += path.stat().st_size
        assert 0 < manifest["threshold"] < 1
    assert total <= 25_000_000


def _onnx_manifests() -> list[str]:
    manifests = checkworthiness.shipped_manifests()
    return sorted(name for name, m in manifests.items() if m["kind"] == "onnx-classifier")


@pytest.mark.parametrize("name", _onnx_manifests())
def test_the_shipped_onnx_model_scores_as_the_torch_model_it_was_exported_from(name):
    pytest.importorskip("onnxruntime", reason="onnxruntime is not installed")
    pytest.importorskip("tokenizers", reason="tokenizers is not installed")
    reference = json.loads((checkworthiness.MODELS_DIR / f"{name}.json").read_text())["reference"]
    scores = load(name).score(reference["sentences"])
    # Same quantised file, same tokens: equal to the export-time run up to the int8 kernels'
    # rounding, which is not the same on every CPU: the shipped minilm's export-time scores and
    # this machine's later ones differ by up to 0.002 (measured), so 1e-5 failed.
    np.testing.assert_allclose(scores, reference["onnx_quantised"], rtol=0, atol=0.005)
    # Quantised weights move a score a little from the fp32 torch model it came from.
    np.testing.assert_allclose(scores, reference["torch_fp32"], rtol=0, atol=QUANTISATION_ATOL)


@pytest.mark.parametrize("name", _onnx_manifests())
def test_onnx_batch_and_single_scores_agree(name):
    pytest.importorskip("onnxruntime", reason="onnxruntime is not installed")
    model = load(name)
    batch = model.score(SENTENCES)
    single = np.array([model.score([s])[0] for s in SENTENCES])
    # Dynamic int8 quantises activations per call, so the manifest scores one sentence per
    # call: a sentence's score must not depend on its batch mates.
    np.testing.assert_allclose(batch, single, rtol=0, atol=1e-6)


def test_npz_weights_load_without_pickle():
    for npz in checkworthiness.MODELS_DIR.glob("*.npz"):
        with np.load(npz, allow_pickle=False) as data:
            assert all(data[key].dtype != object for key in data.files)


def test_positive_class_f1_and_map_follow_their_definitions():
    labels = np.array([1, 0, 1, 0])
    assert precision_recall_f1(labels, np.array([1, 1, 0, 0])) == (0.5, 0.5, 0.5)
    assert average_precision(labels, np.array([0.9, 0.8, 0.7, 0.1])) == pytest.approx(
        (1 + 2 / 3) / 2
    )
    groups = ["a", "a", "b", "b"]
    assert mean_average_precision(labels, np.array([0.9, 0.1, 0.1, 0.9]), groups) == (
        pytest.approx((1.0 + 0.5) / 2)
    )


@pytest.mark.data
@pytest.mark.parametrize("name", sorted(EXPECTED_F1))
def test_each_shipped_model_reaches_its_measured_scores_on_every_test_set(name):
    _requires_data()
    if name != "linear":
        pytest.importorskip("onnxruntime", reason="onnxruntime is not installed")
    model = load(name)
    results = {r.name: r for r in evaluate_model(model)}
    for test_set, minimum in EXPECTED_F1[name].items():
        assert results[test_set].f1 >= minimum, (test_set, results[test_set])
    assert results["ct21-1b-test"].map >= EXPECTED_MAP[name]


def test_the_default_threshold_is_the_threshold_of_the_model_load_default_returns():
    assert load_default().threshold == checkworthiness.DEFAULT_THRESHOLD


# --- ensemble and cascade ----------------------------------------------------------------------


def _ensemble_names() -> list[str]:
    manifests = checkworthiness.shipped_manifests()
    return sorted(name for name, m in manifests.items() if m["kind"] == "ensemble")


def test_the_shipped_ensembles_reference_shipped_members_and_carry_their_recipe_digest():
    names = _ensemble_names()
    assert {"ensemble", "cascade"} <= set(names)
    manifests = checkworthiness.shipped_manifests()
    for name in names:
        manifest = manifests[name]
        for role in ("fast", "slow"):
            member = manifests[manifest[role]["manifest"].removesuffix(".json")]
            assert member["version"] == manifest[role]["version"], (name, role)
        assert manifest["fast"]["weight"] + manifest["slow"]["weight"] == pytest.approx(1.0)
        assert manifest["version"] == checkworthiness.ensemble_version(name, manifest)
    # The cascade is the ensemble with a cut: same members, weights and combination.
    ensemble, cascade = manifests["ensemble"], manifests["cascade"]
    assert ensemble["cascade_cut"] is None and 0 < cascade["cascade_cut"] < 1
    for key in ("fast", "slow", "combine"):
        assert ensemble[key] == cascade[key]


@pytest.mark.parametrize("name", ["ensemble", "cascade"])
def test_the_ensemble_score_is_the_weighted_mean_of_its_members_scores(name):
    pytest.importorskip("onnxruntime", reason="onnxruntime is not installed")
    model = load(name)
    texts = [*SENTENCES, "Armenia hosts a Russian military base.", "I love you all."]
    fast, slow = load("linear").score(texts), load("minilm").score(texts)
    expected = model.fast_weight * fast + model.slow_weight * slow
    if model.cascade_cut is not None:
        expected = np.where(fast >= model.cascade_cut, expected, model.fast_weight * fast)
    np.testing.assert_allclose(model.score(texts), expected, rtol=0, atol=1e-12)
    assert model.fast_weight == pytest.approx(1 - model.slow_weight)
    assert 0 < model.slow_weight < 1


def test_the_cascade_runs_the_slow_model_only_at_or_above_the_cut(monkeypatch):
    pytest.importorskip("onnxruntime", reason="onnxruntime is not installed")
    model = load("cascade")
    texts = [*SENTENCES, "Armenia hosts a Russian military base.", "Good evening, everyone."]
    fast = model.fast.score(texts)
    below = fast < model.cascade_cut
    assert below.any() and (~below).any(), fast  # the sentences exercise both branches
    sent: list[str] = []
    real_slow = model.slow

    class Recording:
        version = real_slow.version

        def score(self, batch):
            sent.extend(batch)
            return real_slow.score(batch)

    monkeypatch.setattr(model, "slow", Recording())
    scores = model.score(texts)
    assert sent == [t for t, skip in zip(texts, below, strict=True) if not skip]
    # Skipped sentences keep the fast member's order, below every sentence the slow one scored
    # and below the threshold.
    np.testing.assert_array_equal(scores[below], model.fast_weight * fast[below])
    assert scores[below].max() < scores[~below].min()
    assert scores[below].max() < model.threshold
    kept = [t for t, skip in zip(texts, below, strict=True) if not skip]
    np.testing.assert_allclose(scores[~below], load("ensemble").score(kept), rtol=0, atol=1e-12)


def test_an_ensemble_refuses_a_member_that_was_retrained(tmp_path):
    manifest = dict(checkworthiness.shipped_manifests()["ensemble"])
    linear_path = str(checkworthiness.MODELS_DIR / "linear.json")
    manifest["fast"] = {**manifest["fast"], "manifest": linear_path, "version": "linear-old"}
    manifest["slow"] = {**manifest["slow"], "manifest": linear_path}
    path = tmp_path / "stale.json"
    path.write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(ValueError, match="linear-old"):
        load(path)


def test_weight_threshold_and_cut_selection_is_deterministic_and_follows_its_rule():
    from training.checkworthiness import (
        choose_cascade_cut,
        choose_ensemble_weight,
        combine_scores,
    )

    rng = np.random.RandomState(7)
    labels = (rng.rand(400) < 0.25).astype(np.int8)
    # Two noisy views of the label with independent noise: their mean ranks better than either.
    fast = np.clip(0.5 * labels + 0.25 + rng.normal(0, 0.2, 400), 0, 1)
    slow = np.clip(0.5 * labels + 0.25 + rng.normal(0, 0.2, 400), 0, 1)
    first = choose_ensemble_weight(labels, fast, slow)
    assert first == choose_ensemble_weight(labels, fast, slow)
    assert 0 < first.slow_weight < 1
    best_single = max(
        precision_recall_f1(labels, s >= t)[2] for s in (fast, slow) for t in np.unique(s)
    )
    assert first.f1 > best_single
    chosen = combine_scores(fast, slow, first.slow_weight) >= first.threshold
    assert precision_recall_f1(labels, chosen)[2] == pytest.approx(first.f1)
    # With a perfect slow model the chosen mean is perfect; a perfect fast model gets it all
    # (ties go to the smaller slow weight).
    perfect_slow = choose_ensemble_weight(labels, fast, labels.astype(float))
    assert perfect_slow.f1 == 1.0 and perfect_slow.slow_weight > 0
    assert choose_ensemble_weight(labels, labels.astype(float), slow).slow_weight == 0.0

    cut = choose_cascade_cut(labels, fast, budget=0.02)
    assert cut == choose_cascade_cut(labels, fast, budget=0.02)
    positives = np.sort(fast[labels == 1])
    allowed = int(0.02 * len(positives))
    assert np.sum(positives < cut) <= allowed
    # The highest such cut (to 4 decimals): one step up lets one positive more skip.
    assert np.sum(positives < cut + 1e-4) > allowed


@pytest.mark.data
def test_the_default_ensemble_beats_minilm_on_both_ct24_and_ct23_test():
    """Why it is the default: at the thresholds chosen on CT24 dev, a higher F1 on both test sets
    that the issue sets targets on (measured 0.671 vs 0.653 and 0.785 vs 0.771)."""
    _requires_data()
    pytest.importorskip("onnxruntime", reason="onnxruntime is not installed")
    ensemble = {r.name: r.f1 for r in evaluate_model(load("ensemble"))}
    minilm = {r.name: r.f1 for r in evaluate_model(load("minilm"))}
    for test_set in ("ct24-test", "ct23-test"):
        assert ensemble[test_set] > minilm[test_set], (test_set, ensemble, minilm)
