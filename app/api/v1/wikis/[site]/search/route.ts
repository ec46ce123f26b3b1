export { search as GET } from "@/lib/api/endpoints";
