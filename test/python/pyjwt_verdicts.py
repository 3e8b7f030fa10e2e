"""Judges tokens with PyJWT, for comparison with Django Kit's verdicts.

Reads a JSON list of cases on standard input, each {token, key, algorithms, issuer?, audience?,
leeway?}, and prints a JSON list of [accepted, error class name or null], one per case.
"""
import json
import sys

import jwt


def judge(case):
    try:
        jwt.decode(
            case["token"],
            case["key"],
            algorithms=case["algorithms"],
            issuer=case.get("issuer"),
            audience=case.get("audience"),
            leeway=case.get("leeway", 0),
        )
        return [True, None]
    except jwt.PyJWTError as error:
        return [False, type(error).__name__]


def main():
    print(json.dumps([judge(case) for case in json.load(sys.stdin)]))


if __name__ == "__main__":
    main()
