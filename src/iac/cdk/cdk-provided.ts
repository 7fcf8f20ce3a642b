// The CDK adds Lambdas of its own: singleton functions whose construct id ends in a UUID without
// dashes (`LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a`, `AWS679f53fac002430cb0da5b7982bd2287`),
// custom resource providers (`Custom::S3AutoDeleteObjectsCustomResourceProvider`) and the
// functions of the custom resource provider framework (`framework-onEvent`).
const SINGLETON_ID = /[0-9a-f]{32}$/i;
const PROVIDER_ID = /CustomResourceProvider$/;
const FRAMEWORK_ID = /^framework-(onEvent|isComplete|onTimeout)$/;

// Limitation: the construct id alone tells; a singleton function of the app itself whose
// construct is not found in source (`new SingletonFunction(this, id, { uuid })` with a computed
// id) is taken for one of the CDK's own.
/** Whether the construct path names a Lambda whose code comes with aws-cdk-lib. */
export function isCdkProvided(cdkPath: string): boolean {
  return cdkPath
    .split('/')
    .some(id => SINGLETON_ID.test(id) || PROVIDER_ID.test(id) || FRAMEWORK_ID.test(id));
}
