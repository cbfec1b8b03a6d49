"""Training and evaluation of the check-worthiness models: kept out of the runtime package.

Not installed in the wheel (pyproject's package list leaves it out): it runs from a source
checkout, where `python manage.py train_checkworthiness` / `evaluate_checkworthiness` import it
inside their `handle()`, and where the tests and `benchmarks/` find it on the path. At run time
`claims.extraction.checkworthiness` loads only the arrays and manifests written under
`claims/extraction/models/`.

- `checkworthiness`: train the linear and transformer models and choose the ensemble's recipe
  (scikit-learn, torch and transformers, imported only inside the functions that need them)
- `evaluation`: the CheckThat! test sets and their scores (numpy only)
- `news_calibration`: fit the news calibration of the candidate cut on `news_claims_dev`
  (`python -m training.news_calibration`; scikit-learn)
"""
