/** The Node version of the Dockerfile's NODE_IMAGE (see image-node-version.mjs). */
export function imageNodeVersion(dockerfile?: string): string;
