export { readPage as GET, editPage as PUT } from "@/lib/api/endpoints";
