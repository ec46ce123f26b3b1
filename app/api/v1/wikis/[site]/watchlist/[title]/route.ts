export { watchPage as PUT, unwatchPage as DELETE } from "@/lib/api/endpoints";
