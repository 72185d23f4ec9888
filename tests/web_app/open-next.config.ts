// Defaults: S3 incremental cache, DynamoDB tag cache, SQS revalidation queue, all on AWS Lambda.
const config = {
  default: {},
};

export default config;
