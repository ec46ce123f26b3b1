import type { WikiAddress } from "./address";

export async function ArticleHistory({ address }: { address: WikiAddress }) {
  return (
    <main className="mx-auto max-w-3xl px-6 py-10">
      <h1 className="text-3xl font-bold">{address.title.replaceAll("_", " ")}</h1>
    </main>
  );
}
