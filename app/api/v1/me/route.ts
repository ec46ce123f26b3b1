export { getMe as GET } from "@/lib/api/endpoints";
