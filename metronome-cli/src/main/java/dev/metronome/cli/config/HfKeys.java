package dev.metronome.cli.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Hugging Face {@code TrainingArguments} keys Metronome knows: those copied to one Metronome key
 * unchanged, those {@link HfArguments} converts, and those with no meaning here, which are ignored
 * (and listed once). Any other key is an error.
 */
final class HfKeys {

    /** Keys whose value is copied unchanged to one Metronome key, validated there. */
    static final Map<String, String> COPIED = copied();

    /** Keys {@link HfArguments} converts to one or more Metronome keys. */
    static final Set<String> CONVERTED = Set.of(
            "eval_strategy", "evaluation_strategy", "eval_steps", "eval_minutes", "eval_delay",
            "save_strategy", "save_steps", "save_minutes", "save_total_limit",
            "logging_strategy", "logging_steps", "logging_minutes",
            "greater_is_better", "max_grad_norm", "num_train_epochs", "max_steps",
            "warmup_steps", "warmup_ratio", "lr_scheduler_type", "optim");

    /** Keys of {@code TrainingArguments} that have no meaning for Metronome: devices, precision, hubs, integrations. */
    static final Set<String> IGNORED = Set.copyOf(List.of(
            "overwrite_output_dir", "do_train", "do_eval", "do_predict", "prediction_loss_only",
            "per_device_eval_batch_size", "per_gpu_train_batch_size", "per_gpu_eval_batch_size",
            "eval_accumulation_steps", "torch_empty_cache_steps", "lr_scheduler_kwargs", "log_level",
            "log_level_replica", "log_on_each_node", "logging_dir", "logging_nan_inf_filter", "save_safetensors",
            "save_on_each_node", "save_only_model", "restore_callback_states_from_checkpoint", "no_cuda", "use_cpu",
            "use_mps_device", "data_seed", "jit_mode_eval", "use_ipex", "bf16", "fp16", "fp16_opt_level",
            "half_precision_backend", "bf16_full_eval", "fp16_full_eval", "tf32", "local_rank", "ddp_backend",
            "tpu_num_cores", "tpu_metrics_debug", "debug", "dataloader_num_workers", "dataloader_prefetch_factor",
            "past_index", "run_name", "disable_tqdm", "remove_unused_columns", "label_names", "ignore_data_skip",
            "fsdp", "fsdp_min_num_params", "fsdp_config", "fsdp_transformer_layer_cls_to_wrap", "accelerator_config",
            "deepspeed", "label_smoothing_factor", "optim_args", "adafactor", "group_by_length", "length_column_name",
            "report_to", "ddp_find_unused_parameters", "ddp_bucket_cap_mb", "ddp_broadcast_buffers",
            "dataloader_pin_memory", "dataloader_persistent_workers", "skip_memory_metrics",
            "use_legacy_prediction_loop", "push_to_hub", "resume_from_checkpoint", "hub_model_id", "hub_strategy",
            "hub_token", "hub_private_repo", "hub_always_push", "hub_revision", "gradient_checkpointing",
            "gradient_checkpointing_kwargs", "include_inputs_for_metrics", "include_for_metrics",
            "eval_do_concat_batches", "fp16_backend", "push_to_hub_model_id", "push_to_hub_organization",
            "push_to_hub_token", "mp_parameters", "auto_find_batch_size", "full_determinism", "torchdynamo",
            "ray_scope", "ddp_timeout", "torch_compile", "torch_compile_backend", "torch_compile_mode",
            "dispatch_batches", "split_batches", "include_tokens_per_second", "include_num_input_tokens_seen",
            "neftune_noise_alpha", "optim_target_modules", "batch_eval_metrics", "eval_on_start", "use_liger_kernel",
            "liger_kernel_config", "eval_use_gather_object", "average_tokens_across_devices", "parallelism_config",
            "project", "trackio_space_id"));

    private HfKeys() {}

    private static Map<String, String> copied() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("learning_rate", "optimizer.lr");
        keys.put("weight_decay", "optimizer.weight_decay");
        keys.put("adam_beta1", "optimizer.beta1");
        keys.put("adam_beta2", "optimizer.beta2");
        keys.put("adam_epsilon", "optimizer.epsilon");
        keys.put("per_device_train_batch_size", "training.batch_size");
        keys.put("gradient_accumulation_steps", "training.accumulation");
        keys.put("dataloader_drop_last", "training.drop_last");
        keys.put("seed", "seed");
        keys.put("output_dir", "output_dir");
        keys.put("metric_for_best_model", "schedule.best_metric.name");
        keys.put("logging_first_step", "schedule.log.first_step");
        keys.put("load_best_model_at_end", "training.load_best_at_end");
        return Map.copyOf(keys);
    }
}
