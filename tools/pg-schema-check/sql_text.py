"""Small helpers over SQL text: comments out, top-level splitting, and a form of expressions that both engines share."""
import re

# Words that only join or compare: PostgreSQL rewrites them (BETWEEN -> >= AND <=, IN -> = ANY (ARRAY[...])),
# so a CHECK is compared by the names, literals and negations it uses.
_JOINING_WORDS = {"and", "or", "in", "between", "any", "array"}
_CASTS = re.compile(r"::(text|bigint|integer|double precision|numeric|boolean)(\[\])?")
_TOKEN = re.compile(r"'(?:[^']|'')*'|[A-Za-z_][A-Za-z0-9_.]*|\d+(?:\.\d+)?")


def strip_comments(sql):
    """The text without -- and /* */ comments, string literals and quoted names kept intact."""
    out, i, n = [], 0, len(sql)
    while i < n:
        c = sql[i]
        if c in "'\"":
            j = i + 1
            while j < n and not (sql[j] == c and (j + 1 >= n or sql[j + 1] != c)):
                j += 2 if sql[j] == c else 1
            out.append(sql[i:j + 1])
            i = j + 1
        elif sql.startswith("--", i):
            while i < n and sql[i] != "\n":
                i += 1
        elif sql.startswith("/*", i):
            end = sql.find("*/", i + 2)
            i = n if end < 0 else end + 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def parenthesised(sql, start):
    """The text inside the parentheses that open at or after start, and the index after the closing one."""
    open_at = sql.index("(", start)
    depth, i = 0, open_at
    while i < len(sql):
        c = sql[i]
        if c == "'":
            i = sql.index("'", i + 1)
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return sql[open_at + 1:i], i + 1
        i += 1
    raise ValueError("unbalanced parentheses")


def split_top_level(body):
    """Splits a table's body at the commas that are not inside parentheses or literals."""
    parts, depth, current, i = [], 0, [], 0
    while i < len(body):
        c = body[i]
        if c == "'":
            j = body.index("'", i + 1)
            current.append(body[i:j + 1])
            i = j + 1
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        if c == "," and depth == 0:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(c)
        i += 1
    if "".join(current).strip():
        parts.append("".join(current).strip())
    return parts


def normal_expression(expr):
    """An expression lower-cased, without casts, parentheses or extra spaces: for WHERE and WHEN clauses."""
    text = _CASTS.sub("", strip_comments(expr)).lower()
    text = text.replace("(", " ").replace(")", " ")
    return " ".join(text.split())


def check_signature(expr):
    """What a CHECK is about, in a form both engines' texts give: its names, literals and negations, sorted."""
    text = _CASTS.sub("", strip_comments(expr))
    tokens = set()
    for token in _TOKEN.findall(text):
        word = token if token.startswith("'") else token.lower()
        if word not in _JOINING_WORDS:
            tokens.add(word)
    return " ".join(sorted(tokens))
