export { getOpenApi as GET } from "@/lib/api/endpoints";
