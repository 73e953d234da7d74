import {
  CostExplorerClient,
  GetCostAndUsageCommand,
  GetCostAndUsageCommandInput,
} from '@aws-sdk/client-cost-explorer';

/** Every item of every page a paginator (`paginateX` of an SDK client) yields. */
export async function collectPages<Page, Item>(
  pages: AsyncIterable<Page>,
  items: (page: Page) => Item[] | undefined,
): Promise<Item[]> {
  const all: Item[] = [];
  for await (const page of pages) {
    all.push(...(items(page) ?? []));
  }
  return all;
}

/**
 * The pages of GetCostAndUsage, in the shape of the SDK's `paginateX`
 * functions: the Cost Explorer client ships no paginator for this operation.
 */
export async function* paginateGetCostAndUsage(
  client: CostExplorerClient,
  input: Omit<GetCostAndUsageCommandInput, 'NextPageToken'>,
) {
  let token: string | undefined;
  do {
    const page = await client.send(
      new GetCostAndUsageCommand({ ...input, NextPageToken: token }),
    );
    yield page;
    token = page.NextPageToken;
  } while (token);
}
