import { DevicesPage } from "@/features/devices/components/devices-page";

export default DevicesPage;
