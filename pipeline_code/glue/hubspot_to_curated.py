"""Glue job of the marketing domain: HubSpot contact files from the raw zone to the curated
zone as Parquet.

Arguments (set by the platform): --source_path (the domain's prefix of the raw zone),
--target_path (`domains/marketing/hubspot_to_curated/` of the curated zone). Job bookmarks make
each run process only files it has not seen. Its DAG runs it only after the marketing
contract's checks on the HubSpot table pass (the contract gate, docs/design/pipelines.md).
"""

import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME", "source_path", "target_path"])
glue = GlueContext(SparkContext.getOrCreate())
job = Job(glue)
job.init(args["JOB_NAME"], args)
frame = glue.create_dynamic_frame.from_options(
    connection_type="s3",
    connection_options={"paths": [args["source_path"] + "hubspot/"], "recurse": True},
    format="json",
    transformation_ctx="source",
)
glue.write_dynamic_frame.from_options(
    frame=frame,
    connection_type="s3",
    connection_options={"path": args["target_path"]},
    format="parquet",
    transformation_ctx="target",
)
job.commit()
