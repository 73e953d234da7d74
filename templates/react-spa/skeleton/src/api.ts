/** What GET /api/v1/info of the platform's API answers. */
export interface ApiInfo {
  service: string;
  version: string;
  environment: string;
}

/**
 * Reads the API's info. The SPA and the API share an origin: CloudFront
 * serves the SPA from S3 and sends /api/* to the ALB in front of EKS.
 */
export async function fetchApiInfo(signal?: AbortSignal): Promise<ApiInfo> {
  const response = await fetch('/api/v1/info', {
    signal,
    headers: { Accept: 'application/json' },
  });
  if (!response.ok) {
    throw new Error(`The API answered ${response.status}`);
  }
  return (await response.json()) as ApiInfo;
}
