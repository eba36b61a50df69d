""""Report an error" links: a prefilled new-issue URL on the project's GitHub repository.

Readers who spot a mistake should be one click from a useful report, so the issue arrives with
the question's id, title and URL already filled in. Only GitHub's ``issues/new?title=&body=``
form is known here: for any other ``repo_url`` (or none) there is no link rather than a broken one.
"""
from __future__ import annotations

from urllib.parse import urlencode, urlsplit

BODY = """Question: {title}
Id: {qid}
URL: {url}

What is wrong (and a source, if you have one):

"""


def issue_url(repo_url: str | None, qid: str, title: str, url: str) -> str | None:
    """The new-issue URL for one question, or None when ``repo_url`` is not a GitHub repository."""
    parts = urlsplit(repo_url or "")
    path = parts.path.strip("/").removesuffix(".git")
    if parts.scheme not in ("http", "https") or parts.hostname != "github.com" or path.count("/") != 1:
        return None
    query = urlencode({"title": f"Error in \"{title}\" ({qid})", "body": BODY.format(title=title, qid=qid, url=url)})
    return f"https://github.com/{path}/issues/new?{query}"
