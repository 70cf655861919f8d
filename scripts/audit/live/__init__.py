"""The live audit: read the account's actual configuration with boto3, judge it by the rules.

`readers` turns each service's API answers into resources shaped like a plan
document's (type token, camelCase inputs), `scan` finds the platform's resources,
runs the AWS-side rules of the pack over them and reports each finding as drift.
"""
