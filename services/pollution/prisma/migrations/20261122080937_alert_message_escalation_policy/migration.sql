-- AlterTable
ALTER TABLE "alert_message" ADD COLUMN     "escalation_policy" TEXT;
