// SPDX-License-Identifier: GPL-2.0
/*
 * canfw_bench: pushes prepared CAN frames through a device's receive or
 * transmit path in a loop and times it, so the cost of whatever filters the
 * device carries (canfw, tc, nftables) can be compared without userspace,
 * sockets or scheduling in the measurement.
 *
 *   echo "IFACE rx|tx CAN_ID MILLISECONDS" > /sys/kernel/debug/canfw_bench/run
 *   cat /sys/kernel/debug/canfw_bench/run  -> "FRAMES NANOSECONDS MEDIAN"
 *
 * CAN_ID is hexadecimal with the usual flag bits (0x80000000 for an
 * extended ID). Frames are 8-byte classical data frames. Receive frames go
 * to netif_receive_skb() as if the device had received them from its bus;
 * transmit frames to dev_queue_xmit() as if a socket had sent them. The
 * loop runs in batches until MILLISECONDS of timed work have passed; only
 * the batches are timed, not the rescheduling between them. MEDIAN is the
 * median time of one batch, per frame: unlike the mean (NANOSECONDS /
 * FRAMES) it ignores the batches during which the host preempted the
 * guest, the main noise when the guest is emulated on a busy machine.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/debugfs.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <linux/can.h>
#include <linux/can/skb.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <linux/ktime.h>
#include <linux/mutex.h>
#include <linux/sched/signal.h>
#include <linux/sort.h>
#include <linux/vmalloc.h>
#include <net/net_namespace.h>

#define BENCH_BATCH	16
#define BENCH_MAX_MS	60000U
#define BENCH_MAX_BATCHES	(1U << 16)

static struct dentry *bench_dir;
static DEFINE_MUTEX(bench_lock);
static u64 bench_frames;
static u64 bench_ns;
static u64 bench_median;
static u32 *bench_times;	/* ns per batch, of the last run */

/* What alloc_can_skb() builds, without depending on the can-dev module. */
static struct sk_buff *bench_skb(struct net_device *dev, u32 can_id, bool tx)
{
	struct can_frame *cf;
	struct sk_buff *skb;

	skb = alloc_skb(sizeof(struct can_skb_priv) + CAN_MTU, GFP_ATOMIC);
	if (!skb)
		return NULL;
	can_skb_reserve(skb);
	can_skb_prv(skb)->ifindex = dev->ifindex;
	can_skb_prv(skb)->skbcnt = 0;
	skb->dev = dev;
	skb->protocol = htons(ETH_P_CAN);
	skb->pkt_type = tx ? PACKET_HOST : PACKET_BROADCAST;
	skb->ip_summed = CHECKSUM_UNNECESSARY;
	skb_reset_mac_header(skb);
	skb_reset_network_header(skb);
	skb_reset_transport_header(skb);
	cf = skb_put_zero(skb, CAN_MTU);
	cf->can_id = can_id;
	cf->len = CAN_MAX_DLEN;
	return skb;
}

static int bench_batch(struct net_device *dev, u32 can_id, bool tx)
{
	struct sk_buff *skb;
	int i;

	/* netif_receive_skb() expects softirq context. */
	if (!tx)
		local_bh_disable();
	for (i = 0; i < BENCH_BATCH; i++) {
		skb = bench_skb(dev, can_id, tx);
		if (!skb)
			break;
		if (tx)
			dev_queue_xmit(skb);
		else
			netif_receive_skb(skb);
	}
	if (!tx)
		local_bh_enable();
	return i == BENCH_BATCH ? 0 : -ENOMEM;
}

static int cmp_u32(const void *a, const void *b)
{
	u32 x = *(const u32 *)a, y = *(const u32 *)b;

	return x < y ? -1 : x > y;
}

static int bench_run(struct net_device *dev, u32 can_id, bool tx, u32 ms)
{
	u64 budget = (u64)ms * NSEC_PER_MSEC, ns = 0, t0, dt;
	u32 n = 0;
	int err = 0;

	do {
		t0 = ktime_get_ns();
		err = bench_batch(dev, can_id, tx);
		dt = ktime_get_ns() - t0;
		if (err)
			break;
		ns += dt;
		bench_times[n++] = min_t(u64, dt, U32_MAX);
		if (fatal_signal_pending(current)) {
			err = -EINTR;
			break;
		}
		cond_resched();
	} while (ns < budget && n < BENCH_MAX_BATCHES);
	bench_frames = (u64)n * BENCH_BATCH;
	bench_ns = ns;
	bench_median = 0;
	if (n) {
		sort(bench_times, n, sizeof(*bench_times), cmp_u32, NULL);
		bench_median = bench_times[n / 2] / BENCH_BATCH;
	}
	return err;
}

static ssize_t bench_write(struct file *file, const char __user *ubuf,
			   size_t count, loff_t *ppos)
{
	char buf[64], name[IFNAMSIZ], dir[3];
	struct net_device *dev;
	u32 can_id, ms;
	int err;

	if (count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';
	if (sscanf(buf, "%15s %2s %x %u", name, dir, &can_id, &ms) != 4 ||
	    !ms || ms > BENCH_MAX_MS)
		return -EINVAL;
	if (strcmp(dir, "rx") && strcmp(dir, "tx"))
		return -EINVAL;
	dev = dev_get_by_name(&init_net, name);
	if (!dev)
		return -ENODEV;
	mutex_lock(&bench_lock);
	err = bench_run(dev, can_id, dir[0] == 't', ms);
	mutex_unlock(&bench_lock);
	dev_put(dev);
	return err ? err : count;
}

static ssize_t bench_read(struct file *file, char __user *ubuf, size_t count,
			  loff_t *ppos)
{
	char buf[72];
	int len;

	mutex_lock(&bench_lock);
	len = scnprintf(buf, sizeof(buf), "%llu %llu %llu\n", bench_frames,
			bench_ns, bench_median);
	mutex_unlock(&bench_lock);
	return simple_read_from_buffer(ubuf, count, ppos, buf, len);
}

static const struct file_operations bench_fops = {
	.owner = THIS_MODULE,
	.write = bench_write,
	.read = bench_read,
	.llseek = default_llseek,
};

static int __init bench_init(void)
{
	bench_times = vmalloc(array_size(BENCH_MAX_BATCHES,
					 sizeof(*bench_times)));
	if (!bench_times)
		return -ENOMEM;
	bench_dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	if (IS_ERR(bench_dir)) {
		vfree(bench_times);
		return PTR_ERR(bench_dir);
	}
	debugfs_create_file("run", 0600, bench_dir, NULL, &bench_fops);
	return 0;
}

static void __exit bench_exit(void)
{
	debugfs_remove_recursive(bench_dir);
	vfree(bench_times);
}

module_init(bench_init);
module_exit(bench_exit);
MODULE_DESCRIPTION("Times CAN frames through a device's filter path");
MODULE_LICENSE("GPL");
