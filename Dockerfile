FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
RUN useradd --create-home --uid 1000 claimtrack

COPY pyproject.toml README.md ./
COPY config ./config
COPY articles ./articles
COPY claims ./claims
COPY templates ./templates
COPY manage.py ./
RUN pip install .

# collectstatic needs settings that import; these placeholders never serve a request.
RUN DEBUG=0 SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput -v0

USER claimtrack
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
