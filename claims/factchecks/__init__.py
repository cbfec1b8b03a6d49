"""The public side: a page per published fact-check and an index of them, in plain HTML.

Read-only: the views read through claims.selectors and write nothing. Each page embeds its
schema.org ClaimReview (claims.claimreview, the builder the API uses), and is that review's
`url` unless the verdict names a fact-check URL of its own.
"""
