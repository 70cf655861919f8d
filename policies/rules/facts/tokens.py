"""Every resource type token the pack names: one home each.

A rule names the tokens it applies to by these constants; tests/test_type_tokens.py checks
each against the types the installed SDKs register, so a typo cannot leave a rule applying
to nothing.
"""

from __future__ import annotations

BUDGETS_BUDGET = "aws:budgets/budget:Budget"
CLOUDWATCH_DASHBOARD = "aws:cloudwatch/dashboard:Dashboard"
CLOUDWATCH_EVENT_RULE = "aws:cloudwatch/eventRule:EventRule"
CLOUDWATCH_EVENT_TARGET = "aws:cloudwatch/eventTarget:EventTarget"
CLOUDWATCH_LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup"
CLOUDWATCH_METRIC_ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm"
COSTEXPLORER_COST_ALLOCATION_TAG = "aws:costexplorer/costAllocationTag:CostAllocationTag"
DYNAMODB_TABLE = "aws:dynamodb/table:Table"
EC2_DEFAULT_ROUTE_TABLE = "aws:ec2/defaultRouteTable:DefaultRouteTable"
EC2_DEFAULT_SECURITY_GROUP = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"
EC2_EIP = "aws:ec2/eip:Eip"
EC2_FLOW_LOG = "aws:ec2/flowLog:FlowLog"
EC2_INTERNET_GATEWAY = "aws:ec2/internetGateway:InternetGateway"
EC2_MAIN_ROUTE_TABLE_ASSOCIATION = "aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation"
EC2_NAT_GATEWAY = "aws:ec2/natGateway:NatGateway"
EC2_ROUTE = "aws:ec2/route:Route"
EC2_ROUTE_TABLE = "aws:ec2/routeTable:RouteTable"
EC2_ROUTE_TABLE_ASSOCIATION = "aws:ec2/routeTableAssociation:RouteTableAssociation"
EC2_SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup"
EC2_SECURITY_GROUP_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule"
EC2_SUBNET = "aws:ec2/subnet:Subnet"
EC2_CLIENT_VPN_AUTHORIZATION_RULE = "aws:ec2clientvpn/authorizationRule:AuthorizationRule"
EC2_CLIENT_VPN_ENDPOINT = "aws:ec2clientvpn/endpoint:Endpoint"
EC2_CLIENT_VPN_NETWORK_ASSOCIATION = "aws:ec2clientvpn/networkAssociation:NetworkAssociation"
EC2_VPC = "aws:ec2/vpc:Vpc"
EC2_VPC_ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint"
GLUE_CATALOG_DATABASE = "aws:glue/catalogDatabase:CatalogDatabase"
GLUE_CATALOG_TABLE = "aws:glue/catalogTable:CatalogTable"
GLUE_CRAWLER = "aws:glue/crawler:Crawler"
GLUE_DATA_CATALOG_ENCRYPTION_SETTINGS = (
    "aws:glue/dataCatalogEncryptionSettings:DataCatalogEncryptionSettings"
)
GLUE_DATA_QUALITY_RULESET = "aws:glue/dataQualityRuleset:DataQualityRuleset"
GLUE_JOB = "aws:glue/job:Job"
GLUE_SECURITY_CONFIGURATION = "aws:glue/securityConfiguration:SecurityConfiguration"
GLUE_TRIGGER = "aws:glue/trigger:Trigger"
IAM_GROUP_POLICY = "aws:iam/groupPolicy:GroupPolicy"
IAM_GROUP_POLICY_ATTACHMENT = "aws:iam/groupPolicyAttachment:GroupPolicyAttachment"
IAM_POLICY = "aws:iam/policy:Policy"
IAM_POLICY_ATTACHMENT = "aws:iam/policyAttachment:PolicyAttachment"
IAM_ROLE = "aws:iam/role:Role"
IAM_ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy"
IAM_ROLE_POLICY_ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment"
IAM_USER = "aws:iam/user:User"
IAM_USER_POLICY = "aws:iam/userPolicy:UserPolicy"
IAM_USER_POLICY_ATTACHMENT = "aws:iam/userPolicyAttachment:UserPolicyAttachment"
KMS_ALIAS = "aws:kms/alias:Alias"
KMS_KEY = "aws:kms/key:Key"
KMS_KEY_POLICY = "aws:kms/keyPolicy:KeyPolicy"
LAMBDA_FUNCTION = "aws:lambda/function:Function"
MWAA_ENVIRONMENT = "aws:mwaa/environment:Environment"
PROVIDER_AWS = "pulumi:providers:aws"
PROVIDER_SNOWFLAKE = "pulumi:providers:snowflake"
PULUMI_STACK = "pulumi:pulumi:Stack"
PULUMI_STACK_REFERENCE = "pulumi:pulumi:StackReference"
RDS_CLUSTER = "aws:rds/cluster:Cluster"
RDS_INSTANCE = "aws:rds/instance:Instance"
ROUTE53_ZONE = "aws:route53/zone:Zone"
S3_BUCKET = "aws:s3/bucket:Bucket"
S3_BUCKET_LIFECYCLE_CONFIGURATION = (
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration"
)
S3_BUCKET_LIFECYCLE_CONFIGURATION_V2 = (
    "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2"
)
S3_BUCKET_NOTIFICATION = "aws:s3/bucketNotification:BucketNotification"
S3_BUCKET_OBJECT = "aws:s3/bucketObject:BucketObject"
S3_BUCKET_OBJECTV2 = "aws:s3/bucketObjectv2:BucketObjectv2"
S3_BUCKET_OBJECT_LOCK_CONFIGURATION = (
    "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration"
)
S3_BUCKET_REPLICATION_CONFIG = "aws:s3/bucketReplicationConfig:BucketReplicationConfig"
S3_BUCKET_SERVER_SIDE_ENCRYPTION_CONFIGURATION = (
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration"
)
S3_BUCKET_SERVER_SIDE_ENCRYPTION_CONFIGURATION_V2 = (
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2"
)
S3_BUCKET_V2 = "aws:s3/bucketV2:BucketV2"
S3_BUCKET_VERSIONING = "aws:s3/bucketVersioning:BucketVersioning"
SCHEDULER_SCHEDULE = "aws:scheduler/schedule:Schedule"
SECRETSMANAGER_SECRET = "aws:secretsmanager/secret:Secret"
SECRETSMANAGER_SECRET_POLICY = "aws:secretsmanager/secretPolicy:SecretPolicy"
SECRETSMANAGER_SECRET_ROTATION = "aws:secretsmanager/secretRotation:SecretRotation"
SECRETSMANAGER_SECRET_VERSION = "aws:secretsmanager/secretVersion:SecretVersion"
SNOWFLAKE_ACCOUNT_ROLE = "snowflake:index/accountRole:AccountRole"
SNOWFLAKE_ALERT = "snowflake:index/alert:Alert"
SNOWFLAKE_DATABASE = "snowflake:index/database:Database"
SNOWFLAKE_EXECUTE = "snowflake:index/execute:Execute"
SNOWFLAKE_GRANT_ACCOUNT_ROLE = "snowflake:index/grantAccountRole:GrantAccountRole"
SNOWFLAKE_GRANT_DATABASE_ROLE = "snowflake:index/grantDatabaseRole:GrantDatabaseRole"
SNOWFLAKE_GRANT_OWNERSHIP = "snowflake:index/grantOwnership:GrantOwnership"
SNOWFLAKE_GRANT_PRIVILEGES_TO_ACCOUNT_ROLE = (
    "snowflake:index/grantPrivilegesToAccountRole:GrantPrivilegesToAccountRole"
)
SNOWFLAKE_GRANT_PRIVILEGES_TO_DATABASE_ROLE = (
    "snowflake:index/grantPrivilegesToDatabaseRole:GrantPrivilegesToDatabaseRole"
)
SNOWFLAKE_LEGACY_SERVICE_USER = "snowflake:index/legacyServiceUser:LegacyServiceUser"
SNOWFLAKE_MASKING_POLICY = "snowflake:index/maskingPolicy:MaskingPolicy"
SNOWFLAKE_NETWORK_POLICY = "snowflake:index/networkPolicy:NetworkPolicy"
SNOWFLAKE_NETWORK_POLICY_ATTACHMENT = (
    "snowflake:index/networkPolicyAttachment:NetworkPolicyAttachment"
)
SNOWFLAKE_NETWORK_RULE = "snowflake:index/networkRule:NetworkRule"
SNOWFLAKE_NOTIFICATION_INTEGRATION = (
    "snowflake:index/notificationIntegration:NotificationIntegration"
)
SNOWFLAKE_PIPE = "snowflake:index/pipe:Pipe"
SNOWFLAKE_RESOURCE_MONITOR = "snowflake:index/resourceMonitor:ResourceMonitor"
SNOWFLAKE_SCHEMA = "snowflake:index/schema:Schema"
SNOWFLAKE_SERVICE_USER = "snowflake:index/serviceUser:ServiceUser"
SNOWFLAKE_STAGE = "snowflake:index/stage:Stage"
SNOWFLAKE_STAGE_EXTERNAL_AZURE = "snowflake:index/stageExternalAzure:StageExternalAzure"
SNOWFLAKE_STAGE_EXTERNAL_GCS = "snowflake:index/stageExternalGcs:StageExternalGcs"
SNOWFLAKE_STAGE_EXTERNAL_S3 = "snowflake:index/stageExternalS3:StageExternalS3"
SNOWFLAKE_STAGE_EXTERNAL_S3_COMPATIBLE = (
    "snowflake:index/stageExternalS3Compatible:StageExternalS3Compatible"
)
SNOWFLAKE_STORAGE_INTEGRATION = "snowflake:index/storageIntegration:StorageIntegration"
SNOWFLAKE_STORAGE_INTEGRATION_AWS = "snowflake:index/storageIntegrationAws:StorageIntegrationAws"
SNOWFLAKE_STORAGE_INTEGRATION_AZURE = (
    "snowflake:index/storageIntegrationAzure:StorageIntegrationAzure"
)
SNOWFLAKE_STORAGE_INTEGRATION_GCS = "snowflake:index/storageIntegrationGcs:StorageIntegrationGcs"
SNOWFLAKE_TABLE = "snowflake:index/table:Table"
SNOWFLAKE_TAG = "snowflake:index/tag:Tag"
SNOWFLAKE_TAG_ASSOCIATION = "snowflake:index/tagAssociation:TagAssociation"
SNOWFLAKE_USER = "snowflake:index/user:User"
SNOWFLAKE_WAREHOUSE = "snowflake:index/warehouse:Warehouse"
SNS_TOPIC = "aws:sns/topic:Topic"
SNS_TOPIC_POLICY = "aws:sns/topicPolicy:TopicPolicy"
SNS_TOPIC_SUBSCRIPTION = "aws:sns/topicSubscription:TopicSubscription"
SQS_QUEUE = "aws:sqs/queue:Queue"
SQS_QUEUE_POLICY = "aws:sqs/queuePolicy:QueuePolicy"
SSM_PARAMETER = "aws:ssm/parameter:Parameter"
TIME_ROTATING = "time:index/rotating:Rotating"
TLS_PRIVATE_KEY = "tls:index/privateKey:PrivateKey"
VPC_SECURITY_GROUP_EGRESS_RULE = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"
VPC_SECURITY_GROUP_INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"
