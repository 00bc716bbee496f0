"""policy_review: review local governments' rule-of-law reports against their task plans."""

__version__ = "0.1.0"
